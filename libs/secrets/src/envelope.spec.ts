import { randomBytes } from 'node:crypto';
import { credentialAad } from './credential-aad';
import { openSecret, resealSecret, sealSecret } from './envelope';
import type { DataKey, KeyProvider } from './key-provider';
import { LocalKeyProvider } from './local-key-provider';
import type { SealedSecret } from './sealed-secret';
import { SecretDecryptionError } from './secret-decryption.error';

const API_KEY = 'sk-proj-Zq8v3N1xLr5T0pWc7YbHk2Ud9Fa4Me6G';
const ownerA = credentialAad({ organisationId: 'org-a', userId: null, provider: 'openai' });
const ownerB = credentialAad({ organisationId: 'org-b', userId: null, provider: 'openai' });

function flipFirstBit(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer);
  copy[0] ^= 0x01;
  return copy;
}

describe('sealSecret / openSecret with a local master key', () => {
  const provider = new LocalKeyProvider(randomBytes(32));

  it('round-trips a secret and records which key sealed it', async () => {
    const sealed = await sealSecret(provider, API_KEY, ownerA);
    expect(sealed.keyProvider).toBe('local');
    expect(sealed.keyId).toBe(provider.keyId);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    await expect(openSecret(provider, sealed, ownerA)).resolves.toBe(API_KEY);
  });

  it('round-trips without additional data, and non-ASCII secrets', async () => {
    const secret = 'clé-secrète-🔑-0123456789';
    await expect(openSecret(provider, await sealSecret(provider, secret), undefined)).resolves.toBe(secret);
  });

  it('uses a fresh data key and IV for every secret', async () => {
    const first = await sealSecret(provider, API_KEY);
    const second = await sealSecret(provider, API_KEY);
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.encryptedDataKey.equals(second.encryptedDataKey)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  it('never puts the secret, or any long piece of it, in the sealed record', async () => {
    const sealed = await sealSecret(provider, API_KEY, ownerA);
    const stored = Buffer.concat([sealed.encryptedDataKey, sealed.iv, sealed.authTag, sealed.ciphertext]);
    const encodings = [
      stored.toString('latin1'),
      stored.toString('utf8'),
      stored.toString('hex'),
      stored.toString('base64'),
    ];
    for (const encoded of encodings) {
      expect(encoded).not.toContain(API_KEY);
      expect(encoded).not.toContain(API_KEY.slice(0, 8));
      expect(encoded).not.toContain(API_KEY.slice(-8));
      expect(encoded).not.toContain(Buffer.from(API_KEY).toString('hex').slice(0, 16));
    }
    expect(JSON.stringify(sealed)).not.toContain(API_KEY.slice(8, 16));
  });

  it('zeroes the data key once the secret is sealed', async () => {
    const handedOut: Buffer[] = [];
    const watching: KeyProvider = {
      name: provider.name,
      keyId: provider.keyId,
      generateDataKey: async (): Promise<DataKey> => {
        const dataKey = await provider.generateDataKey();
        handedOut.push(dataKey.plaintext);
        return dataKey;
      },
      decryptDataKey: (encrypted, keyId) => provider.decryptDataKey(encrypted, keyId),
    };
    const sealed = await sealSecret(watching, API_KEY);
    expect(handedOut[0].equals(Buffer.alloc(32))).toBe(true);
    await expect(openSecret(provider, sealed)).resolves.toBe(API_KEY);
  });

  it('cannot be opened with a different master key', async () => {
    const sealed = await sealSecret(provider, API_KEY, ownerA);
    const stranger = new LocalKeyProvider(randomBytes(32));
    await expect(openSecret(stranger, sealed, ownerA)).rejects.toThrow(SecretDecryptionError);
    await expect(openSecret(stranger, sealed, ownerA)).rejects.toThrow(
      `no configured key provider can unwrap a data key from local key ${provider.keyId} (configured: local ${stranger.keyId})`,
    );
  });

  it('cannot be opened by a different master key even when a resolver forces it', async () => {
    const sealed = await sealSecret(provider, API_KEY);
    const stranger = new LocalKeyProvider(randomBytes(32));
    await expect(openSecret(() => stranger, sealed)).rejects.toThrow(
      /was wrapped by master key .* but this master key is/,
    );
  });

  it.each<[string, keyof Pick<SealedSecret, 'ciphertext' | 'authTag' | 'iv' | 'encryptedDataKey'>]>([
    ['ciphertext', 'ciphertext'],
    ['auth tag', 'authTag'],
    ['IV', 'iv'],
    ['wrapped data key', 'encryptedDataKey'],
  ])('refuses a record whose %s was altered', async (_label, field) => {
    const sealed = await sealSecret(provider, API_KEY, ownerA);
    const tampered = { ...sealed, [field]: flipFirstBit(sealed[field]) };
    await expect(openSecret(provider, tampered, ownerA)).rejects.toThrow(
      field === 'encryptedDataKey' ? /wrapped data key failed authentication/ : /sealed secret failed authentication/,
    );
  });

  it('refuses a truncated auth tag instead of accepting a shorter tag', async () => {
    const sealed = await sealSecret(provider, API_KEY);
    await expect(openSecret(provider, { ...sealed, authTag: sealed.authTag.subarray(0, 4) })).rejects.toThrow(
      'sealed secret has a 4-byte auth tag, expected 16',
    );
  });

  it("refuses a ciphertext moved to another owner's row (additional data mismatch)", async () => {
    const sealed = await sealSecret(provider, API_KEY, ownerA);
    await expect(openSecret(provider, sealed, ownerB)).rejects.toThrow(SecretDecryptionError);
    await expect(openSecret(provider, sealed, ownerB)).rejects.toThrow(/sealed for a different owner/);
    await expect(openSecret(provider, sealed)).rejects.toThrow(SecretDecryptionError);
  });

  it('refuses a record naming an unknown key provider', async () => {
    const sealed = await sealSecret(provider, API_KEY);
    await expect(openSecret(provider, { ...sealed, keyProvider: 'vault' })).rejects.toThrow(
      'sealed secret names an unknown key provider "vault"',
    );
  });
});

describe('key rotation', () => {
  it('opens records of a retired master key listed beside the current one, and re-seals them', async () => {
    const retired = new LocalKeyProvider(randomBytes(32));
    const current = new LocalKeyProvider(randomBytes(32));
    const old = await sealSecret(retired, API_KEY, ownerA);

    await expect(openSecret([current, retired], old, ownerA)).resolves.toBe(API_KEY);

    const resealed = await resealSecret([current, retired], old, current, ownerA);
    expect(resealed.keyId).toBe(current.keyId);
    await expect(openSecret(current, resealed, ownerA)).resolves.toBe(API_KEY);
    await expect(openSecret(current, old, ownerA)).rejects.toThrow(SecretDecryptionError);
  });
});
