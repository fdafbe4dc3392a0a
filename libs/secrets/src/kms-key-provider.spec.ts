import { randomBytes } from 'node:crypto';
import { startFakeKms, type FakeKms } from '@patchbay/testing';
import { openSecret, sealSecret } from './envelope';
import { KeyProviderError } from './key-provider.error';
import { KmsKeyProvider, type KmsKeyProviderOptions } from './kms-key-provider';
import { LocalKeyProvider } from './local-key-provider';
import { SecretDecryptionError } from './secret-decryption.error';

const API_KEY = 'sk-ant-api03-Vd1Xq7Lm2Rz9Tc4Nw8Pb0Ky6';
const credentials = { accessKeyId: 'AKIAFAKEKMSTEST00001', secretAccessKey: 'fake-secret-access-key-for-tests' };

describe('KmsKeyProvider against a server speaking the KMS JSON protocol', () => {
  let kms: FakeKms;
  const providers: KmsKeyProvider[] = [];

  function kmsProvider(overrides: Partial<KmsKeyProviderOptions> = {}): KmsKeyProvider {
    const provider = new KmsKeyProvider({
      keyId: kms.keyId,
      region: 'us-east-1',
      endpoint: kms.endpoint,
      credentials,
      ...overrides,
    });
    providers.push(provider);
    return provider;
  }

  beforeEach(async () => {
    kms = await startFakeKms();
  });

  afterEach(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    await kms.close();
  });

  it('seals with a KMS-generated data key and opens it through KMS Decrypt', async () => {
    const provider = kmsProvider();
    const sealed = await sealSecret(provider, API_KEY, 'org-1/openai');

    expect(sealed.keyProvider).toBe('kms');
    expect(sealed.keyId).toBe(kms.keyId);
    await expect(openSecret(kmsProvider(), sealed, 'org-1/openai')).resolves.toBe(API_KEY);

    expect(kms.requests.map((request) => request.target)).toEqual([
      'TrentService.GenerateDataKey',
      'TrentService.Decrypt',
    ]);
    expect(kms.requests.every((request) => request.signed && request.status === 200)).toBe(true);
    expect(kms.requests.map((request) => request.encryptionContext)).toEqual([
      { purpose: 'patchbay-model-credential' },
      { purpose: 'patchbay-model-credential' },
    ]);
    expect(kms.requests[1].keyId).toBe(kms.keyId);
  });

  it('records the key ARN, not the alias, so records survive the alias moving to a new key', async () => {
    const provider = kmsProvider({ keyId: kms.alias });
    const sealed = await sealSecret(provider, API_KEY);
    expect(sealed.keyId).toBe(kms.keyId);
    await expect(openSecret(provider, sealed)).resolves.toBe(API_KEY);
  });

  it('keeps the data key out of the sealed record: only KMS can unwrap it', async () => {
    const provider = kmsProvider();
    const dataKey = await provider.generateDataKey();
    expect(dataKey.plaintext).toHaveLength(32);
    expect(dataKey.encrypted.includes(dataKey.plaintext)).toBe(false);
    expect(
      (await provider.decryptDataKey(dataKey.encrypted, dataKey.keyId ?? kms.keyId)).equals(dataKey.plaintext),
    ).toBe(true);
  });

  it('cannot unwrap a data key with a different encryption context', async () => {
    const sealed = await sealSecret(kmsProvider(), API_KEY);
    const otherPurpose = kmsProvider({ encryptionContext: { purpose: 'something-else' } });

    const opening = openSecret(otherPurpose, sealed);
    await expect(opening).rejects.toThrow(KeyProviderError);
    await expect(opening).rejects.toThrow(
      `kms key provider: decryptDataKey with key ${kms.keyId} failed: InvalidCiphertextException`,
    );
    expect(kms.requests.at(-1)).toMatchObject({ target: 'TrentService.Decrypt', status: 400 });
  });

  it('reports an unknown key by name and operation', async () => {
    const missing = 'arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000';
    await expect(kmsProvider({ keyId: missing }).generateDataKey()).rejects.toThrow(
      `kms key provider: generateDataKey with key ${missing} failed: NotFoundException: Key '${missing}' does not exist`,
    );
  });

  it('reports a tampered wrapped data key without leaking it', async () => {
    const provider = kmsProvider();
    const sealed = await sealSecret(provider, API_KEY);
    const tampered = Buffer.from(sealed.encryptedDataKey);
    tampered[tampered.length - 1] ^= 0x01;
    const failure = await openSecret(provider, { ...sealed, encryptedDataKey: tampered }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(KeyProviderError);
    const message = (failure as Error).message;
    expect(message).toMatch(/InvalidCiphertextException/);
    expect(message).not.toContain(tampered.toString('base64'));
    expect(message).not.toContain(API_KEY);
  });

  it('refuses a KMS-sealed record when only a local master key is configured', async () => {
    const sealed = await sealSecret(kmsProvider(), API_KEY);
    await expect(openSecret(new LocalKeyProvider(randomBytes(32)), sealed)).rejects.toThrow(SecretDecryptionError);
  });
});

describe('fake KMS server protocol', () => {
  let kms: FakeKms;

  beforeEach(async () => {
    kms = await startFakeKms();
  });

  afterEach(async () => {
    await kms.close();
  });

  async function call(
    target: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; errorType: string | null; body: unknown }> {
    const response = await fetch(kms.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': target,
        Authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAFAKEKMSTEST00001/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=00',
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      errorType: response.headers.get('x-amzn-ErrorType'),
      body: await response.json(),
    };
  }

  it('answers a validation error the way KMS does', async () => {
    const response = await call('TrentService.GenerateDataKey', { KeySpec: 'AES_256' });
    expect(response.status).toBe(400);
    expect(response.errorType).toBe('ValidationException');
    expect(response.body).toMatchObject({ __type: 'ValidationException' });
  });

  it('refuses an unsigned request and records it as unsigned', async () => {
    const response = await call(
      'TrentService.GenerateDataKey',
      { KeyId: kms.keyId, KeySpec: 'AES_256' },
      { Authorization: '' },
    );
    expect(response.errorType).toBe('MissingAuthenticationTokenException');
    expect(kms.requests[0]).toMatchObject({ operation: 'GenerateDataKey', signed: false, status: 400 });
  });

  it('refuses a garbage ciphertext blob', async () => {
    const response = await call('TrentService.Decrypt', { CiphertextBlob: randomBytes(64).toString('base64') });
    expect(response.errorType).toBe('InvalidCiphertextException');
  });
});
