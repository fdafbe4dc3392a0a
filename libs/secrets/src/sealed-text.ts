import { openSecret, sealSecret, type KeyProviderSource } from './envelope';
import type { KeyProvider } from './key-provider';
import { SecretDecryptionError } from './secret-decryption.error';
import type { StoredSecret } from './sealed-secret';

interface EncodedSealedSecret {
  keyProvider: string;
  keyId: string;
  encryptedDataKey: string;
  iv: string;
  authTag: string;
  ciphertext: string;
}

/**
 * A sealed secret as one base64 string, for places that hold text rather than columns: a JSON
 * settings column, an environment variable. `aad` binds it to its purpose and owner.
 */
export async function sealToText(provider: KeyProvider, plaintext: string, aad: string): Promise<string> {
  const sealed = await sealSecret(provider, plaintext, aad);
  const encoded: EncodedSealedSecret = {
    keyProvider: sealed.keyProvider,
    keyId: sealed.keyId,
    encryptedDataKey: sealed.encryptedDataKey.toString('base64'),
    iv: sealed.iv.toString('base64'),
    authTag: sealed.authTag.toString('base64'),
    ciphertext: sealed.ciphertext.toString('base64'),
  };
  return Buffer.from(JSON.stringify(encoded)).toString('base64');
}

export async function openFromText(providers: KeyProviderSource, text: string, aad: string): Promise<string> {
  let encoded: Partial<EncodedSealedSecret>;
  try {
    encoded = JSON.parse(Buffer.from(text.trim(), 'base64').toString('utf8')) as Partial<EncodedSealedSecret>;
  } catch {
    throw new SecretDecryptionError('not a sealed secret');
  }
  const stored: StoredSecret = {
    keyProvider: encoded.keyProvider ?? '',
    keyId: encoded.keyId ?? '',
    encryptedDataKey: Buffer.from(encoded.encryptedDataKey ?? '', 'base64'),
    iv: Buffer.from(encoded.iv ?? '', 'base64'),
    authTag: Buffer.from(encoded.authTag ?? '', 'base64'),
    ciphertext: Buffer.from(encoded.ciphertext ?? '', 'base64'),
  };
  return openSecret(providers, stored, aad);
}
