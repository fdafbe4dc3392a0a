import type { KeyProviderName } from './key-provider';

export type KeyProviderOperation = 'generateDataKey' | 'decryptDataKey';

/**
 * A key provider could not wrap or unwrap a data key. The message names the provider, key and
 * operation so an operator can act on it, and never carries key material.
 */
export class KeyProviderError extends Error {
  override readonly name = 'KeyProviderError';

  constructor(
    readonly provider: KeyProviderName,
    readonly keyId: string,
    readonly operation: KeyProviderOperation,
    reason: string,
  ) {
    super(`${provider} key provider: ${operation} with key ${keyId} failed: ${reason}`);
  }
}
