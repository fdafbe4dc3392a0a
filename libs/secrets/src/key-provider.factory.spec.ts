import { randomBytes } from 'node:crypto';
import { KeyProviderConfigError } from './key-provider-config.error';
import { createKeyProvider, type KeyProviderConfig } from './key-provider.factory';
import { KmsKeyProvider } from './kms-key-provider';
import { LocalKeyProvider } from './local-key-provider';

function configError(config: KeyProviderConfig): KeyProviderConfigError {
  try {
    createKeyProvider(config);
  } catch (error) {
    if (error instanceof KeyProviderConfigError) return error;
    throw error;
  }
  throw new Error('expected createKeyProvider to refuse the configuration');
}

describe('createKeyProvider', () => {
  it('builds a local provider from PATCHBAY_MASTER_KEY', () => {
    const provider = createKeyProvider({ KEY_PROVIDER: 'local', PATCHBAY_MASTER_KEY: randomBytes(32).toString('hex') });
    expect(provider).toBeInstanceOf(LocalKeyProvider);
    expect(provider.keyId).toMatch(/^local:[0-9a-f]{16}$/);
  });

  it('builds a KMS provider for the configured key', () => {
    const provider = createKeyProvider({
      KEY_PROVIDER: 'kms',
      KMS_KEY_ID: 'alias/patchbay',
      AWS_REGION: 'eu-west-1',
      KMS_ENDPOINT: 'http://127.0.0.1:4566',
    });
    expect(provider).toBeInstanceOf(KmsKeyProvider);
    expect(provider.keyId).toBe('alias/patchbay');
    (provider as KmsKeyProvider).destroy();
  });

  it('names PATCHBAY_MASTER_KEY when it is missing or blank', () => {
    for (const value of [undefined, '', '   ']) {
      const error = configError({ KEY_PROVIDER: 'local', PATCHBAY_MASTER_KEY: value });
      expect(error.variable).toBe('PATCHBAY_MASTER_KEY');
      expect(error.message).toMatch(/^KEY_PROVIDER=local needs PATCHBAY_MASTER_KEY/);
    }
  });

  it('names PATCHBAY_MASTER_KEY when it is not a 32-byte key', () => {
    const error = configError({ KEY_PROVIDER: 'local', PATCHBAY_MASTER_KEY: 'hunter2' });
    expect(error.variable).toBe('PATCHBAY_MASTER_KEY');
    expect(error.message).toMatch(/PATCHBAY_MASTER_KEY must be a 32-byte key/);
    expect(error.message).not.toContain('hunter2');
  });

  it('names KMS_KEY_ID, then AWS_REGION, when KMS settings are missing', () => {
    expect(configError({ KEY_PROVIDER: 'kms', AWS_REGION: 'eu-west-1' }).variable).toBe('KMS_KEY_ID');
    const error = configError({ KEY_PROVIDER: 'kms', KMS_KEY_ID: 'alias/patchbay' });
    expect(error.variable).toBe('AWS_REGION');
    expect(error.message).toMatch(/^KEY_PROVIDER=kms needs AWS_REGION/);
  });

  it('refuses a KMS_ENDPOINT that is not an http(s) URL', () => {
    const error = configError({
      KEY_PROVIDER: 'kms',
      KMS_KEY_ID: 'k',
      AWS_REGION: 'eu-west-1',
      KMS_ENDPOINT: 'localhost:4566',
    });
    expect(error.variable).toBe('KMS_ENDPOINT');
  });

  it('refuses an unknown KEY_PROVIDER taken from an untyped environment', () => {
    const error = configError({ KEY_PROVIDER: 'vault' as KeyProviderConfig['KEY_PROVIDER'] });
    expect(error.variable).toBe('KEY_PROVIDER');
    expect(error.message).toBe('KEY_PROVIDER must be one of local, kms, got "vault"');
  });
});
