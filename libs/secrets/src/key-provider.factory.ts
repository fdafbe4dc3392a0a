import { KEY_PROVIDER_NAMES, type KeyProvider, type KeyProviderName } from './key-provider';
import { KeyProviderConfigError } from './key-provider-config.error';
import { KmsKeyProvider, type KmsKeyProviderOptions } from './kms-key-provider';
import { DEFAULT_MASTER_KEY_VARIABLE, LocalKeyProvider } from './local-key-provider';

/** The environment variables that choose and configure the key provider. */
export interface KeyProviderConfig {
  KEY_PROVIDER: KeyProviderName;
  PATCHBAY_MASTER_KEY?: string;
  KMS_KEY_ID?: string;
  AWS_REGION?: string;
  KMS_ENDPOINT?: string;
}

export interface KeyProviderFactoryOptions {
  /** Explicit AWS credentials (tests); otherwise the SDK's default chain is used. */
  kmsCredentials?: KmsKeyProviderOptions['credentials'];
}

/** Builds the configured key provider, or stops with an error naming the missing or bad variable. */
export function createKeyProvider(config: KeyProviderConfig, options: KeyProviderFactoryOptions = {}): KeyProvider {
  // The type says local | kms, but the value usually comes straight from the environment.
  const kind: string = config.KEY_PROVIDER;
  switch (kind) {
    case 'local': {
      const masterKey = present(config.PATCHBAY_MASTER_KEY);
      if (!masterKey) {
        throw new KeyProviderConfigError(
          DEFAULT_MASTER_KEY_VARIABLE,
          `KEY_PROVIDER=local needs ${DEFAULT_MASTER_KEY_VARIABLE}: a 32-byte key as base64 or 64 hex characters (openssl rand -base64 32)`,
        );
      }
      return new LocalKeyProvider(masterKey, DEFAULT_MASTER_KEY_VARIABLE);
    }
    case 'kms': {
      const keyId = present(config.KMS_KEY_ID);
      if (!keyId) {
        throw new KeyProviderConfigError(
          'KMS_KEY_ID',
          'KEY_PROVIDER=kms needs KMS_KEY_ID: the KMS key id, key ARN or alias (alias/…)',
        );
      }
      const region = present(config.AWS_REGION);
      if (!region)
        throw new KeyProviderConfigError(
          'AWS_REGION',
          'KEY_PROVIDER=kms needs AWS_REGION, the region of the KMS key (e.g. eu-west-1)',
        );
      const endpoint = present(config.KMS_ENDPOINT);
      if (endpoint !== undefined && !isHttpUrl(endpoint)) {
        throw new KeyProviderConfigError('KMS_ENDPOINT', `KMS_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
      }
      return new KmsKeyProvider({ keyId, region, endpoint, credentials: options.kmsCredentials });
    }
    default:
      throw new KeyProviderConfigError(
        'KEY_PROVIDER',
        `KEY_PROVIDER must be one of ${KEY_PROVIDER_NAMES.join(', ')}, got ${kind ? `"${kind}"` : 'nothing'}`,
      );
  }
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
