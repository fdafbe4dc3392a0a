import { type DynamicModule, Module } from '@nestjs/common';
import { RequestAnswerer, taskCancellationsProvider } from '@patchbay/agent-runtime';
import { loadConfig } from '@patchbay/config';
import { SandboxClient } from '@patchbay/sandbox-client';
import { testingAgentConfigSchema } from './testing-agent-config';
import { TestingAgentController } from './testing-agent.controller';
import { ValidationRunner } from './validation-runner.service';
import { DEFAULT_VALIDATION_TIMEOUTS, VALIDATION_TIMEOUTS, type ValidationTimeouts } from './validation-timeouts';

export interface TestingAgentModuleOptions {
  sandbox: SandboxClient;
  timeouts?: Partial<ValidationTimeouts>;
}

/**
 * The testing agent's handlers. Needs MESSAGE_BUS from the host (AgentServiceModule provides it).
 * `forRoot` takes the sandbox client so tests and the all-in-one host can hand one in;
 * `fromEnv` builds it from SANDBOX_URL and SANDBOX_TOKEN, throwing a message that names any
 * missing or bad variable.
 */
@Module({})
export class TestingAgentModule {
  static forRoot(options: TestingAgentModuleOptions): DynamicModule {
    const timeouts: ValidationTimeouts = { ...DEFAULT_VALIDATION_TIMEOUTS, ...options.timeouts };
    return {
      module: TestingAgentModule,
      controllers: [TestingAgentController],
      providers: [
        { provide: SandboxClient, useValue: options.sandbox },
        { provide: VALIDATION_TIMEOUTS, useValue: timeouts },
        RequestAnswerer,
        taskCancellationsProvider('testing-agent'),
        ValidationRunner,
      ],
      exports: [ValidationRunner],
    };
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = loadConfig(testingAgentConfigSchema, env);
    return TestingAgentModule.forRoot({
      sandbox: new SandboxClient({ baseUrl: config.SANDBOX_URL, token: config.SANDBOX_TOKEN }),
      timeouts: { testTimeoutMs: config.TEST_TIMEOUT_MS, lintTimeoutMs: config.LINT_TIMEOUT_MS },
    });
  }
}
