import 'reflect-metadata';
import { bootstrapAgentService, pipelineServicesFromEnv } from '@patchbay/agent-runtime';
import { CodingAgentModule } from '@patchbay/coding-agent-feature';

void bootstrapAgentService('coding-agent', () => {
  const { config, sandbox, models } = pipelineServicesFromEnv();
  return [CodingAgentModule.forRoot({ sandbox, models, stepBudget: config.CODING_STEP_BUDGET })];
});
