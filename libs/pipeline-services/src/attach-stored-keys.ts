import type { INestApplication, LoggerService } from '@nestjs/common';
import { CredentialRepository } from '@patchbay/persistence';
import { createKeyProvider, type KeyProvider, type KeyProviderName } from '@patchbay/secrets';
import { StoredModelKeys } from './stored-model-keys';
import type { TaskModels } from './task-models';

/** The key provider the gateway seals with, from the same settings; throws when they are incomplete. */
export function storedKeyProviderFromEnv(env: NodeJS.ProcessEnv = process.env): KeyProvider {
  return createKeyProvider({
    KEY_PROVIDER: (env['KEY_PROVIDER'] ?? 'local') as KeyProviderName,
    PATCHBAY_MASTER_KEY: env['PATCHBAY_MASTER_KEY'],
    KMS_KEY_ID: env['KMS_KEY_ID'],
    AWS_REGION: env['AWS_REGION'],
    KMS_ENDPOINT: env['KMS_ENDPOINT'],
  });
}

/**
 * The key providers that open remote MCP servers' sealed credentials (ADR 0029); none when the key
 * settings are incomplete, and such servers are then left out with a note on the task's log.
 */
export function mcpKeyProvidersFromEnv(env: NodeJS.ProcessEnv = process.env): KeyProvider[] {
  try {
    return [storedKeyProviderFromEnv(env)];
  } catch {
    return [];
  }
}

/**
 * Lets a service's models use keys organisations stored through the API. Needs the database
 * (PersistenceModule in the app) and the same key provider settings as the gateway; without
 * them the service keeps using OPENAI_API_KEY and says so.
 */
export function attachStoredKeys(
  app: INestApplication,
  models: TaskModels,
  logger: LoggerService,
  env: NodeJS.ProcessEnv = process.env,
): void {
  try {
    const provider = storedKeyProviderFromEnv(env);
    models.storedKeys = new StoredModelKeys(app.get(CredentialRepository), [provider]);
  } catch (error) {
    logger.warn({
      msg: 'stored organisation model keys are not available here; using OPENAI_API_KEY',
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}
