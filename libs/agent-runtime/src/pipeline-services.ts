import { loadConfig } from '@patchbay/config';
import { loadModelConfig } from '@patchbay/model';
import { SandboxClient } from '@patchbay/sandbox-client';
import { pipelineServiceConfigSchema, type PipelineServiceConfig } from './pipeline-service-config';
import { TaskModels } from './task-models';

export interface PipelineServices {
  config: PipelineServiceConfig;
  sandbox: SandboxClient;
  models: TaskModels;
}

/** The sandbox client and the models, built from the environment (errors name the bad variable). */
export function pipelineServicesFromEnv(env: NodeJS.ProcessEnv = process.env): PipelineServices {
  const config = loadConfig(pipelineServiceConfigSchema, env);
  return {
    config,
    sandbox: new SandboxClient({ baseUrl: config.SANDBOX_URL, token: config.SANDBOX_TOKEN }),
    models: new TaskModels(loadModelConfig(env)),
  };
}
