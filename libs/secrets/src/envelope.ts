import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, KEY_PROVIDER_NAMES, type KeyProvider, type KeyProviderName } from './key-provider';
import { KeyProviderError } from './key-provider.error';
import { SecretDecryptionError } from './secret-decryption.error';
import type { SealedSecret, StoredSecret } from './sealed-secret';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Picks the provider able to unwrap a data key wrapped by `keyId`; undefined when none is configured. */
export type KeyProviderResolver = (keyProvider: KeyProviderName, keyId: string) => KeyProvider | undefined;

/** The current provider, a list including retired ones (during key rotation), or a custom lookup. */
export type KeyProviderSource = KeyProvider | readonly KeyProvider[] | KeyProviderResolver;

/**
 * Envelope-encrypts a secret: a fresh data key encrypts it with AES-256-GCM and the provider
 * wraps the data key. `aad` is authenticated but not stored; the same value must be given to
 * open the secret.
 */
export async function sealSecret(provider: KeyProvider, plaintext: string, aad?: string): Promise<SealedSecret> {
  const dataKey = await provider.generateDataKey();
  const secret = Buffer.from(plaintext, 'utf8');
  try {
    if (dataKey.plaintext.length !== DATA_KEY_BYTES) {
      throw new KeyProviderError(
        provider.name,
        provider.keyId,
        'generateDataKey',
        `returned a ${dataKey.plaintext.length}-byte data key, expected ${DATA_KEY_BYTES}`,
      );
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey.plaintext, iv);
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return {
      keyProvider: provider.name,
      keyId: dataKey.keyId ?? provider.keyId,
      encryptedDataKey: dataKey.encrypted,
      iv,
      authTag: cipher.getAuthTag(),
      ciphertext,
    };
  } finally {
    dataKey.plaintext.fill(0);
    secret.fill(0);
  }
}

/**
 * Decrypts a sealed secret. Throws SecretDecryptionError when no provider fits, the record was
 * altered, or `aad` differs from the value it was sealed with; a provider that cannot be reached
 * throws its own KeyProviderError so an outage is not mistaken for tampering.
 */
export async function openSecret(source: KeyProviderSource, sealed: StoredSecret, aad?: string): Promise<string> {
  const keyProvider = parseProviderName(sealed.keyProvider);
  if (sealed.iv.length !== IV_BYTES)
    throw new SecretDecryptionError(`sealed secret has a ${sealed.iv.length}-byte IV, expected ${IV_BYTES}`);
  if (sealed.authTag.length !== TAG_BYTES) {
    throw new SecretDecryptionError(
      `sealed secret has a ${sealed.authTag.length}-byte auth tag, expected ${TAG_BYTES}`,
    );
  }
  const provider = resolveProvider(source, keyProvider, sealed.keyId);
  const dataKey = await provider.decryptDataKey(Buffer.from(sealed.encryptedDataKey), sealed.keyId);
  if (dataKey.length !== DATA_KEY_BYTES) {
    dataKey.fill(0);
    throw new KeyProviderError(
      provider.name,
      sealed.keyId,
      'decryptDataKey',
      `returned a ${dataKey.length}-byte data key, expected ${DATA_KEY_BYTES}`,
    );
  }
  let secret: Buffer | undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.iv);
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    secret = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    return secret.toString('utf8');
  } catch {
    throw new SecretDecryptionError(
      'sealed secret failed authentication: the ciphertext or tag was altered, or it was sealed for a different owner (additional data mismatch)',
    );
  } finally {
    dataKey.fill(0);
    secret?.fill(0);
  }
}

/** Re-encrypts under `target` (a new master key or KMS key), e.g. while rotating keys. */
export async function resealSecret(
  source: KeyProviderSource,
  sealed: StoredSecret,
  target: KeyProvider,
  aad?: string,
): Promise<SealedSecret> {
  return sealSecret(target, await openSecret(source, sealed, aad), aad);
}

function parseProviderName(value: string): KeyProviderName {
  const name = KEY_PROVIDER_NAMES.find((candidate) => candidate === value);
  if (!name) throw new SecretDecryptionError(`sealed secret names an unknown key provider "${value}"`);
  return name;
}

function resolveProvider(source: KeyProviderSource, keyProvider: KeyProviderName, keyId: string): KeyProvider {
  const provider =
    typeof source === 'function' ? source(keyProvider, keyId) : pickProvider(toList(source), keyProvider, keyId);
  if (provider?.name === keyProvider) return provider;
  const configured =
    typeof source === 'function'
      ? ''
      : ` (configured: ${
          toList(source)
            .map((p) => `${p.name} ${p.keyId}`)
            .join(', ') || 'none'
        })`;
  throw new SecretDecryptionError(
    `no configured key provider can unwrap a data key from ${keyProvider} key ${keyId}${configured}`,
  );
}

function toList(source: KeyProvider | readonly KeyProvider[]): readonly KeyProvider[] {
  return isProviderList(source) ? source : [source];
}

function isProviderList(source: KeyProvider | readonly KeyProvider[]): source is readonly KeyProvider[] {
  return Array.isArray(source);
}

/**
 * An exact key id match wins. A KMS provider also takes records wrapped under another KMS key
 * id, because its configured id may be an alias of the recorded ARN and KMS itself decides
 * (refusing a key the caller may not use). A local master key must match its fingerprint.
 */
function pickProvider(
  providers: readonly KeyProvider[],
  keyProvider: KeyProviderName,
  keyId: string,
): KeyProvider | undefined {
  const sameKind = providers.filter((provider) => provider.name === keyProvider);
  return sameKind.find((provider) => provider.keyId === keyId) ?? (keyProvider === 'kms' ? sameKind[0] : undefined);
}
