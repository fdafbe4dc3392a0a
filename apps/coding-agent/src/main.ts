import 'reflect-metadata';
import { bootstrapAgentService, pipelineServicesFromEnv } from '@patchbay/agent-runtime';
import { CodingAgentModule } from '@patchbay/coding-agent-feature';

void bootstrapAgentService('coding-agent', (bus) => {
  const { config, sandbox, models } = pipelineServicesFromEnv(process.env, bus);
  return [CodingAgentModule.forRoot({ sandbox, models, stepBudget: config.CODING_STEP_BUDGET })];
});
