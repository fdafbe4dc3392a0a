import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import {
  attachBudgets,
  attachStoredKeys,
  mcpKeyProvidersFromEnv,
  pipelineServicesFromEnv,
  type TaskModels,
} from '@patchbay/pipeline-services';
import { CodingAgentModule } from '@patchbay/coding-agent-feature';
import { JsonLogger } from '@patchbay/observability';
import { PersistenceModule } from '@patchbay/persistence';

// With DATABASE_URL the coding agent can use keys organisations stored; without it, OPENAI_API_KEY.
const databaseUrl = process.env['DATABASE_URL'];
let models: TaskModels | undefined;
void bootstrapAgentService('coding-agent', (bus) => {
  const services = pipelineServicesFromEnv(process.env, bus);
  models = services.models;
  return [
    ...(databaseUrl
      ? [PersistenceModule.forRoot({ databaseUrl: () => databaseUrl, applicationName: 'patchbay-coding-agent' })]
      : []),
    CodingAgentModule.forRoot({
      sandbox: services.sandbox,
      models: services.models,
      stepBudget: services.config.CODING_STEP_BUDGET,
      mcpKeyProviders: mcpKeyProvidersFromEnv(),
    }),
  ];
}).then((app) => {
  if (models && databaseUrl) attachStoredKeys(app, models, new JsonLogger('coding-agent'));
  // Budgets: with the database each call is checked against the stored usage; without it, against the budget lines the supervisor sends with each round (ADR 0013).
  if (models && databaseUrl) attachBudgets(app, models);
});
