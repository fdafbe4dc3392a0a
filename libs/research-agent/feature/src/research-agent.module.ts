import { type DynamicModule, Module } from '@nestjs/common';
import { RequestAnswerer } from '@patchbay/agent-runtime';
import { loadConfig } from '@patchbay/config';
import { researchAgentConfigSchema } from './research-agent-config';
import { ResearchAgentController } from './research-agent.controller';
import { ResearchService, type ResearchOptions } from './research.service';

/**
 * The research agent's handlers. Needs MESSAGE_BUS from the host (AgentServiceModule provides it).
 * `forRoot` takes the options so tests and the all-in-one host can point it at a local registry;
 * `fromEnv` reads NPM_REGISTRY_URL and the rest, naming any bad variable.
 */
@Module({})
export class ResearchAgentModule {
  static forRoot(options: ResearchOptions): DynamicModule {
    return {
      module: ResearchAgentModule,
      controllers: [ResearchAgentController],
      providers: [{ provide: ResearchService, useValue: new ResearchService(options) }, RequestAnswerer],
      exports: [ResearchService],
    };
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return ResearchAgentModule.forRoot(researchOptionsFromEnv(env));
  }
}

export function researchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ResearchOptions {
  const config = loadConfig(researchAgentConfigSchema, env);
  return {
    npmRegistryUrl: config.NPM_REGISTRY_URL,
    pypiUrl: config.PYPI_URL,
    timeoutMs: config.RESEARCH_HTTP_TIMEOUT_MS,
    cacheTtlMs: config.RESEARCH_CACHE_TTL_MS,
    cacheEntries: config.RESEARCH_CACHE_ENTRIES,
    repositoriesRoot: config.DATA_DIR,
  };
}
