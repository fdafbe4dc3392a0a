import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, type DataKey, type KeyProvider } from './key-provider';
import { KeyProviderConfigError } from './key-provider-config.error';
import { KeyProviderError } from './key-provider.error';

const MASTER_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;
const WRAPPED_KEY_BYTES = IV_BYTES + TAG_BYTES + DATA_KEY_BYTES;
/** Binds a wrapped data key to its purpose, as the KMS encryption context does. */
const WRAP_CONTEXT = Buffer.from('patchbay-model-credential/data-key/v1');

export const DEFAULT_MASTER_KEY_VARIABLE = 'PATCHBAY_MASTER_KEY';

/**
 * Decodes a 256-bit master key given as 64 hex characters or base64 (standard or URL-safe).
 * Anything else is refused rather than stretched, so a truncated or mistyped key stops the
 * process instead of silently encrypting under a weaker key.
 */
export function parseMasterKey(value: string, variable = DEFAULT_MASTER_KEY_VARIABLE): Buffer {
  const trimmed = value.trim();
  if (HEX_KEY.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (BASE64_KEY.test(trimmed)) {
    // Node's base64 decoder also accepts the URL-safe alphabet.
    const decoded = Buffer.from(trimmed, 'base64');
    if (decoded.length === MASTER_KEY_BYTES) return decoded;
  }
  throw new KeyProviderConfigError(
    variable,
    `${variable} must be a 32-byte key written as 64 hex characters or base64 ` +
      `(got ${trimmed.length} characters); generate one with: openssl rand -base64 32`,
  );
}

/** `local:` + 16 hex characters of SHA-256(master key): tells keys apart without revealing one. */
export function masterKeyFingerprint(masterKey: Buffer): string {
  return `local:${createHash('sha256').update(masterKey).digest('hex').slice(0, 16)}`;
}

/**
 * Wraps data keys with AES-256-GCM under a master key held in this process, for installations
 * without a KMS. The wrapped form is iv (12) ‖ tag (16) ‖ ciphertext (32).
 */
export class LocalKeyProvider implements KeyProvider {
  readonly name = 'local' as const;
  readonly keyId: string;
  readonly #masterKey: Buffer;

  constructor(masterKey: string | Buffer, variable = DEFAULT_MASTER_KEY_VARIABLE) {
    if (typeof masterKey === 'string') {
      this.#masterKey = parseMasterKey(masterKey, variable);
    } else if (masterKey.length === MASTER_KEY_BYTES) {
      // Copied so that a caller zeroing its buffer cannot change the key under us.
      this.#masterKey = Buffer.from(masterKey);
    } else {
      throw new KeyProviderConfigError(variable, `${variable} must be 32 bytes (got ${masterKey.length})`);
    }
    this.keyId = masterKeyFingerprint(this.#masterKey);
  }

  async generateDataKey(): Promise<DataKey> {
    const plaintext = randomBytes(DATA_KEY_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#masterKey, iv);
    cipher.setAAD(WRAP_CONTEXT);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, encrypted: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]), keyId: this.keyId };
  }

  async decryptDataKey(encrypted: Buffer, keyId: string): Promise<Buffer> {
    if (keyId !== this.keyId) {
      throw new KeyProviderError(
        'local',
        keyId,
        'decryptDataKey',
        `the data key was wrapped by master key ${keyId} but this master key is ${this.keyId}`,
      );
    }
    if (encrypted.length !== WRAPPED_KEY_BYTES) {
      throw new KeyProviderError(
        'local',
        keyId,
        'decryptDataKey',
        `wrapped data key must be ${WRAPPED_KEY_BYTES} bytes, got ${encrypted.length}`,
      );
    }
    const iv = encrypted.subarray(0, IV_BYTES);
    const tag = encrypted.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#masterKey, iv);
    decipher.setAAD(WRAP_CONTEXT);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(encrypted.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new KeyProviderError(
        'local',
        keyId,
        'decryptDataKey',
        'the wrapped data key failed authentication (corrupted or altered)',
      );
    }
  }
}
