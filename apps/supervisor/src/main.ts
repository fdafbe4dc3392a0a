import 'reflect-metadata';
import { bootstrapAgentService, pipelineServicesFromEnv } from '@patchbay/agent-runtime';
import { PersistenceModule } from '@patchbay/persistence';
import { SupervisorModule } from '@patchbay/supervisor-feature';

void bootstrapAgentService('supervisor', (bus) => {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL: the supervisor needs the database (tasks and LangGraph checkpoints)');
  const { config, sandbox, models } = pipelineServicesFromEnv(process.env, bus);
  return [
    PersistenceModule.forRoot({ databaseUrl: () => databaseUrl, applicationName: 'patchbay-supervisor' }),
    SupervisorModule.forRoot({
      databaseUrl, sandbox, models, maxRounds: config.MAX_VALIDATION_ROUNDS,
      timeouts: { codingMs: config.CODING_TIMEOUT_MS, validationMs: config.VALIDATION_TIMEOUT_MS, publishMs: config.PUBLISH_TIMEOUT_MS },
    }),
  ];
});
