export const KEY_PROVIDER_NAMES = ['local', 'kms'] as const;
export type KeyProviderName = (typeof KEY_PROVIDER_NAMES)[number];

/** Bytes of an AES-256 data key. */
export const DATA_KEY_BYTES = 32;

export interface DataKey {
  /** Use once, then zero it: this is the only copy that can decrypt the secret. */
  plaintext: Buffer;
  /** The data key wrapped by the provider's key; safe to store beside the ciphertext. */
  encrypted: Buffer;
  /**
   * The key that actually wrapped the data key, when it differs from the configured `keyId`
   * (KMS resolves an alias to a key ARN). Recording it keeps old rows decryptable after the
   * alias is pointed at a new key.
   */
  keyId?: string;
}

/** Wraps and unwraps per-secret data keys; the wrapping key itself never leaves the provider. */
export interface KeyProvider {
  readonly name: KeyProviderName;
  /** Identifies the wrapping key without revealing it (a KMS key id/ARN, or a local fingerprint). */
  readonly keyId: string;
  generateDataKey(): Promise<DataKey>;
  decryptDataKey(encrypted: Buffer, keyId: string): Promise<Buffer>;
}
