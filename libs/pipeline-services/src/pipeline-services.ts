import type { MessageBus } from '@patchbay/bus';
import { loadConfig } from '@patchbay/config';
import { BusUsageSink } from './bus-usage.sink';
import { loadModelConfig } from '@patchbay/model';
import { SandboxClient } from '@patchbay/sandbox-client';
import { pipelineServiceConfigSchema, type PipelineServiceConfig } from './pipeline-service-config';
import { TaskModels } from './task-models';

export interface PipelineServices {
  config: PipelineServiceConfig;
  sandbox: SandboxClient;
  models: TaskModels;
}

/**
 * The sandbox client and the models, built from the environment (errors name the bad variable).
 * With a bus, every model call's usage is reported to the gateway.
 */
export function pipelineServicesFromEnv(env: NodeJS.ProcessEnv = process.env, bus?: MessageBus): PipelineServices {
  const config = loadConfig(pipelineServiceConfigSchema, env);
  return {
    config,
    sandbox: new SandboxClient({ baseUrl: config.SANDBOX_URL, token: config.SANDBOX_TOKEN }),
    models: new TaskModels(loadModelConfig(env), bus ? (owner) => new BusUsageSink(bus, owner) : undefined),
  };
}
