import { DecryptCommand, GenerateDataKeyCommand, KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { DATA_KEY_BYTES, type DataKey, type KeyProvider } from './key-provider';
import { KeyProviderError, type KeyProviderOperation } from './key-provider.error';

/**
 * Sent with every GenerateDataKey and Decrypt. KMS refuses to decrypt without the same context,
 * so a data key wrapped for credentials cannot be unwrapped by code asking for something else,
 * and the context shows up in CloudTrail for auditing.
 */
export const MODEL_CREDENTIAL_ENCRYPTION_CONTEXT: Readonly<Record<string, string>> = Object.freeze({
  purpose: 'patchbay-model-credential',
});

export interface KmsKeyProviderOptions {
  /** Key id, key ARN, alias name (`alias/…`) or alias ARN. */
  keyId: string;
  region: string;
  /** For a KMS-compatible server other than AWS (tests, LocalStack, a VPC endpoint). */
  endpoint?: string;
  /** Omitted: the SDK's default chain (environment, profile, instance or pod role). */
  credentials?: KMSClientConfig['credentials'];
  encryptionContext?: Readonly<Record<string, string>>;
}

/** Longest piece of a KMS error message repeated in ours; KMS messages never carry key material. */
const MAX_REASON_LENGTH = 300;

/** Envelope encryption with AWS KMS: KMS generates and wraps each data key; the KMS key never leaves KMS. */
export class KmsKeyProvider implements KeyProvider {
  readonly name = 'kms' as const;
  readonly keyId: string;
  readonly #client: KMSClient;
  readonly #encryptionContext: Record<string, string>;

  constructor(options: KmsKeyProviderOptions) {
    this.keyId = options.keyId;
    this.#encryptionContext = { ...(options.encryptionContext ?? MODEL_CREDENTIAL_ENCRYPTION_CONTEXT) };
    this.#client = new KMSClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  async generateDataKey(): Promise<DataKey> {
    const response = await this.#call('generateDataKey', this.keyId, () =>
      this.#client.send(
        new GenerateDataKeyCommand({
          KeyId: this.keyId,
          KeySpec: 'AES_256',
          EncryptionContext: this.#encryptionContext,
        }),
      ),
    );
    const plaintext = this.#dataKey('generateDataKey', this.keyId, response.Plaintext);
    if (!response.CiphertextBlob?.length) {
      plaintext.fill(0);
      throw new KeyProviderError('kms', this.keyId, 'generateDataKey', 'KMS returned no CiphertextBlob');
    }
    return { plaintext, encrypted: Buffer.from(response.CiphertextBlob), keyId: response.KeyId ?? this.keyId };
  }

  async decryptDataKey(encrypted: Buffer, keyId: string): Promise<Buffer> {
    // Naming the key makes KMS refuse a ciphertext wrapped under any other key, rather than
    // trusting the key id embedded in the blob.
    const response = await this.#call('decryptDataKey', keyId, () =>
      this.#client.send(
        new DecryptCommand({ CiphertextBlob: encrypted, KeyId: keyId, EncryptionContext: this.#encryptionContext }),
      ),
    );
    return this.#dataKey('decryptDataKey', keyId, response.Plaintext);
  }

  /** Releases the SDK's pooled connections; needed before a test server or process can exit. */
  destroy(): void {
    this.#client.destroy();
  }

  async #call<T>(operation: KeyProviderOperation, keyId: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new KeyProviderError('kms', keyId, operation, describeKmsError(error));
    }
  }

  #dataKey(operation: KeyProviderOperation, keyId: string, plaintext: Uint8Array | undefined): Buffer {
    if (plaintext?.length !== DATA_KEY_BYTES) {
      throw new KeyProviderError(
        'kms',
        keyId,
        operation,
        `KMS returned a ${plaintext?.length ?? 0}-byte data key, expected ${DATA_KEY_BYTES}`,
      );
    }
    const copy = Buffer.from(plaintext);
    // The SDK's array is otherwise a second copy of the key left for the garbage collector.
    plaintext.fill(0);
    return copy;
  }
}

function describeKmsError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const message =
    error.message.length > MAX_REASON_LENGTH ? `${error.message.slice(0, MAX_REASON_LENGTH)}…` : error.message;
  return message ? `${error.name}: ${message}` : error.name;
}
