import type { KeyProviderName } from './key-provider';

/** A secret as stored: every field is safe to persist; none reveals the secret without the provider. */
export interface SealedSecret {
  keyProvider: KeyProviderName;
  /** The key that wrapped `encryptedDataKey`. */
  keyId: string;
  encryptedDataKey: Buffer;
  /** 12-byte AES-GCM nonce, random per secret. */
  iv: Buffer;
  /** 16-byte AES-GCM tag over the ciphertext and the additional authenticated data. */
  authTag: Buffer;
  ciphertext: Buffer;
}

/**
 * What `openSecret` reads: a database row's columns as they come back, where the provider name is
 * a plain string and is checked when opened.
 */
export type StoredSecret = Readonly<Omit<SealedSecret, 'keyProvider'> & { keyProvider: string }>;
