import { createHash, randomBytes } from 'node:crypto';
import { KeyProviderConfigError } from './key-provider-config.error';
import { KeyProviderError } from './key-provider.error';
import { LocalKeyProvider, parseMasterKey } from './local-key-provider';

describe('parseMasterKey', () => {
  const key = randomBytes(32);

  it('accepts 64 hex characters', () => {
    expect(parseMasterKey(key.toString('hex')).equals(key)).toBe(true);
  });

  it('accepts base64, padded or URL-safe', () => {
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseMasterKey(key.toString('base64url')).equals(key)).toBe(true);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('hex')],
    ['not an encoding', 'correct horse battery staple correct horse battery'],
    ['empty', ''],
  ])('refuses a key that is %s, naming the variable', (_case, value) => {
    expect(() => parseMasterKey(value, 'PATCHBAY_MASTER_KEY')).toThrow(KeyProviderConfigError);
    expect(() => parseMasterKey(value, 'PATCHBAY_MASTER_KEY')).toThrow(/PATCHBAY_MASTER_KEY must be a 32-byte key/);
  });
});

describe('LocalKeyProvider', () => {
  const masterKey = randomBytes(32);
  const provider = new LocalKeyProvider(masterKey.toString('base64'));

  it('identifies its master key by a fingerprint that does not contain the key', () => {
    const expected = createHash('sha256').update(masterKey).digest('hex').slice(0, 16);
    expect(provider.keyId).toBe(`local:${expected}`);
    expect(provider.keyId).not.toContain(masterKey.toString('hex').slice(0, 8));
  });

  it('wraps a fresh 32-byte data key and unwraps it again', async () => {
    const first = await provider.generateDataKey();
    const second = await provider.generateDataKey();
    expect(first.plaintext).toHaveLength(32);
    expect(first.encrypted).toHaveLength(12 + 16 + 32);
    expect(first.plaintext.equals(second.plaintext)).toBe(false);
    expect(first.encrypted.includes(first.plaintext)).toBe(false);
    expect((await provider.decryptDataKey(first.encrypted, provider.keyId)).equals(first.plaintext)).toBe(true);
  });

  it('refuses a data key wrapped by another master key', async () => {
    const other = new LocalKeyProvider(randomBytes(32));
    const { encrypted } = await other.generateDataKey();
    await expect(provider.decryptDataKey(encrypted, other.keyId)).rejects.toThrow(
      `the data key was wrapped by master key ${other.keyId} but this master key is ${provider.keyId}`,
    );
  });

  it('refuses an altered wrapped key', async () => {
    const { encrypted } = await provider.generateDataKey();
    encrypted[encrypted.length - 1] ^= 0x01;
    await expect(provider.decryptDataKey(encrypted, provider.keyId)).rejects.toThrow(KeyProviderError);
    await expect(provider.decryptDataKey(encrypted, provider.keyId)).rejects.toThrow(/failed authentication/);
  });
});
