import { openSecret, sealSecret, type KeyProvider, type KeyProviderSource, type StoredSecret } from '@patchbay/secrets';

/** Binds a sealed key to its purpose: a sealed model credential cannot be passed off as it. */
export const GITHUB_PRIVATE_KEY_AAD = 'patchbay:github-app-private-key';

interface EncodedSealedKey {
  keyProvider: string;
  keyId: string;
  encryptedDataKey: string;
  iv: string;
  authTag: string;
  ciphertext: string;
}

/**
 * Seals the app's private key with the platform's key provider (AWS KMS or the local master key),
 * as one base64 string that can sit in GITHUB_APP_PRIVATE_KEY_SEALED or a secret store.
 */
export async function sealGithubPrivateKey(provider: KeyProvider, pem: string): Promise<string> {
  const sealed = await sealSecret(provider, pem, GITHUB_PRIVATE_KEY_AAD);
  const encoded: EncodedSealedKey = {
    keyProvider: sealed.keyProvider, keyId: sealed.keyId, encryptedDataKey: sealed.encryptedDataKey.toString('base64'),
    iv: sealed.iv.toString('base64'), authTag: sealed.authTag.toString('base64'), ciphertext: sealed.ciphertext.toString('base64'),
  };
  return Buffer.from(JSON.stringify(encoded)).toString('base64');
}

export async function openGithubPrivateKey(providers: KeyProviderSource, sealedText: string): Promise<string> {
  let encoded: EncodedSealedKey;
  try {
    encoded = JSON.parse(Buffer.from(sealedText.trim(), 'base64').toString('utf8')) as EncodedSealedKey;
  } catch {
    throw new Error('GITHUB_APP_PRIVATE_KEY_SEALED is not a sealed key (make one with `npm run github:seal-key -- <key.pem>`)');
  }
  const stored: StoredSecret = {
    keyProvider: encoded.keyProvider, keyId: encoded.keyId, encryptedDataKey: Buffer.from(encoded.encryptedDataKey ?? '', 'base64'),
    iv: Buffer.from(encoded.iv ?? '', 'base64'), authTag: Buffer.from(encoded.authTag ?? '', 'base64'), ciphertext: Buffer.from(encoded.ciphertext ?? '', 'base64'),
  };
  return openSecret(providers, stored, GITHUB_PRIVATE_KEY_AAD);
}
