/**
 * A sealed secret could not be opened: it was tampered with, bound to different additional data
 * (another owner's row), or no configured key provider can unwrap its data key.
 */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}
