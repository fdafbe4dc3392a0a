import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { GithubAppClient } from '@patchbay/github';
import { attachBudgets, BusUsageSink, StoredModelKeys, TaskModels } from '@patchbay/pipeline-services';
import { CredentialRepository } from '@patchbay/persistence';
import { LocalKeyProvider } from '@patchbay/secrets';
import { InProcessBus, type MessageBus } from '@patchbay/bus';
import { CodingAgentModule } from '@patchbay/coding-agent-feature';
import { GithubAgentModule } from '@patchbay/github-agent-feature';
import { loadModelConfig, type ModelScriptInput } from '@patchbay/model';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication, loadSandboxConfig } from '@patchbay/sandbox-runtime';
import { SupervisorModule } from '@patchbay/supervisor-feature';
import type { SpeechSynthesizer } from '@patchbay/speech';
import { TestingAgentModule } from '@patchbay/testing-agent-feature';
import { ResearchAgentModule, type ResearchOptions } from '@patchbay/research-agent-feature';
import { startGatewayTestApp, type GatewayTestApp } from './gateway-test-app';
import { testDatabaseUrl } from './test-environment';

export interface PlatformTestApp extends GatewayTestApp {
  sandbox: SandboxClient;
  closeAll(): Promise<void>;
}

export interface PlatformTestOptions {
  /** The model's turns; tests run the scripted provider, or point `modelEnv` at a local OpenAI-compatible server. */
  script?: ModelScriptInput;
  modelEnv?: Record<string, string>;
  /** The gateway's own settings (e.g. MODEL_CHOICES), on top of the test defaults. */
  gatewayEnv?: Record<string, string>;
  /** BUDGET_* defaults for the model calls (none by default). */
  budgetEnv?: Record<string, string>;
  maxRounds?: number;
  /** How long a task waiting for a human keeps its sandbox (default one hour, as in production). */
  sandboxPausedTtlMs?: number;
  bus?: MessageBus;
  /** Another database than the test database (benchmarks). */
  databaseUrl?: string;
  /** The GitHub App, pointed at a local fake GitHub; shared by the gateway and the github agent. */
  github?: GithubAppClient | null;
  logger?: LoggerService | false;
  /** How long the supervisor waits for each agent (default: 3 min coding and validation, 1 min publishing). */
  timeouts?: Partial<{ codingMs: number; validationMs: number; publishMs: number }>;
  /** Hosts the research agent too, asking this registry (a local npm registry server in tests). */
  research?: ResearchOptions;
  /** Speaks finished tasks' summaries (default: none, so tests that do not look at audio spend no CPU on it). */
  speech?: SpeechSynthesizer | null;
  /** Overrides of the sandbox service's environment, e.g. DOCKER_SOCKET at a socket nothing serves. */
  sandboxEnv?: Record<string, string>;
}

/**
 * The whole platform in one process, as `npm start` runs it: gateway, supervisor, coding,
 * testing and github agents, and the sandbox service with real gVisor containers.
 */
export async function startPlatformTestApp(options: PlatformTestOptions = {}): Promise<PlatformTestApp> {
  const token = `platform-test-${randomUUID()}`;
  const sandboxConfig = loadSandboxConfig({
    SANDBOX_TOKEN: token,
    SANDBOX_INSTANCE_ID: `platform-test-${randomUUID().slice(0, 8)}`,
    SANDBOX_POOL_SIZE: '0',
    SANDBOX_EGRESS_PROXY_PORT: '0',
    SANDBOX_DEFAULT_MEMORY_MB: '1024',
    SANDBOX_REPO_ROOTS: os.tmpdir(),
    ...options.sandboxEnv,
  });
  const sandboxApp: INestApplication = await createSandboxApplication(sandboxConfig, { logger: false });
  await sandboxApp.listen(0, '127.0.0.1');
  const sandbox = new SandboxClient({ baseUrl: (await sandboxApp.getUrl()).replace('[::1]', '127.0.0.1'), token });

  let modelEnv = options.modelEnv ?? {};
  if (options.script) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'patchbay-script-')), 'script.json');
    writeFileSync(file, JSON.stringify(options.script));
    modelEnv = { MODEL_PROVIDER: 'scripted', SCRIPTED_MODEL_FILE: file, ...modelEnv };
  }
  const bus = options.bus ?? new InProcessBus({ maxAttempts: 2, initialDelayMs: 50 });
  const models = new TaskModels(loadModelConfig(modelEnv), (owner) => new BusUsageSink(bus, owner));
  const keyProviders = [new LocalKeyProvider(randomBytes(32))];
  const gw = await startGatewayTestApp({
    env: options.gatewayEnv,
    bus,
    keyProviders,
    databaseUrl: options.databaseUrl,
    github: options.github ?? null,
    logger: options.logger,
    // As all-in-one: /readyz includes the sandbox engine.
    readiness: [{ name: 'sandbox', check: () => sandbox.engineStatus() }],
    colocated: {
      services: [
        'supervisor',
        'coding-agent',
        'testing-agent',
        'github-agent',
        ...(options.research ? (['research-agent'] as const) : []),
      ],
      modules: [
        SupervisorModule.forRoot({
          databaseUrl: options.databaseUrl ?? testDatabaseUrl(),
          sandbox,
          models,
          maxRounds: options.maxRounds ?? 3,
          sandboxPausedTtlMs: options.sandboxPausedTtlMs ?? 60 * 60_000,
          timeouts: { codingMs: 180_000, validationMs: 180_000, publishMs: 60_000, ...options.timeouts },
          speech: options.speech ?? null,
          // Off: every spec file shares one test database, and the sweep would start the tasks
          // earlier files left queued, feeding them this spec's scripted model replies. The sweep
          // has its own spec (task-runner-stranded.spec) and runs in bench:chaos.
          strandedSweep: { intervalMs: 0, queuedForMs: 0 },
        }),
        CodingAgentModule.forRoot({ sandbox, models, stepBudget: 20 }),
        TestingAgentModule.forRoot({ sandbox }),
        GithubAgentModule.forRoot({ github: options.github ?? null }),
        ...(options.research ? [ResearchAgentModule.forRoot(options.research)] : []),
      ],
    },
  });
  models.storedKeys = new StoredModelKeys(gw.app.get(CredentialRepository), keyProviders);
  attachBudgets(gw.app, models, options.budgetEnv ?? {});
  return {
    ...gw,
    sandbox,
    closeAll: async () => {
      await gw.close();
      await sandboxApp.close();
    },
  };
}
