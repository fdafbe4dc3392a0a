import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import {
  attachBudgets,
  attachStoredKeys,
  pipelineServicesFromEnv,
  mcpKeyProvidersFromEnv,
  type TaskModels,
} from '@patchbay/pipeline-services';
import { JsonLogger } from '@patchbay/observability';
import { PersistenceModule } from '@patchbay/persistence';
import { speechSynthesizerFromEnv } from '@patchbay/speech';
import { SupervisorModule } from '@patchbay/supervisor-feature';

let models: TaskModels | undefined;
void bootstrapAgentService('supervisor', (bus) => {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl)
    throw new Error('DATABASE_URL: the supervisor needs the database (tasks and LangGraph checkpoints)');
  const services = pipelineServicesFromEnv(process.env, bus);
  models = services.models;
  return [
    PersistenceModule.forRoot({ databaseUrl: () => databaseUrl, applicationName: 'patchbay-supervisor' }),
    SupervisorModule.forRoot({
      databaseUrl,
      sandbox: services.sandbox,
      models: services.models,
      maxRounds: services.config.MAX_VALIDATION_ROUNDS,
      sandboxPausedTtlMs: services.config.SANDBOX_PAUSED_TTL_MS,
      speech: speechSynthesizerFromEnv(process.env),
      mcpKeyProviders: mcpKeyProvidersFromEnv(),
      timeouts: {
        codingMs: services.config.CODING_TIMEOUT_MS,
        validationMs: services.config.VALIDATION_TIMEOUT_MS,
        publishMs: services.config.PUBLISH_TIMEOUT_MS,
      },
    }),
  ];
}).then((app) => {
  if (models) attachStoredKeys(app, models, new JsonLogger('supervisor'));
  if (models) attachBudgets(app, models);
});
