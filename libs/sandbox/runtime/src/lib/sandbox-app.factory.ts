import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { httpTracingMiddleware } from '@patchbay/observability';
import type { SandboxConfig } from './sandbox-config';
import { SandboxModule } from './sandbox.module';

/** Builds the HTTP application; `main.ts` and the tests share it so both exercise the same wiring. */
/** `logger`: false silences the service (tests, all-in-one), a LoggerService receives its lines (main.ts: JsonLogger). */
export async function createSandboxApplication(
  config: SandboxConfig,
  options: { logger?: boolean | LoggerService } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.forRoot(config), {
    bufferLogs: false,
    logger:
      options.logger === false
        ? false
        : options.logger === true || options.logger === undefined
          ? ['log', 'warn', 'error']
          : options.logger,
  });
  // File writes carry whole files; the contract caps content at 20 MiB.
  app.useBodyParser('json', { limit: '25mb' });
  // After the body parser, so handlers run inside the request's span (see httpTracingMiddleware).
  app.use(httpTracingMiddleware('sandbox'));
  // No signal hooks here: the lifecycle hooks (reaper stop, clean-up) run on app.close(), and the
  // process entry point decides when that happens (exitOnSignals in main.ts, the all-in-one host).
  return app;
}
