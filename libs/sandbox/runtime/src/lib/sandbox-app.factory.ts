import type { Server } from 'node:http';
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
  keepIdleConnectionsLongerThanClients(app);
  // File writes carry whole files; the contract caps content at 20 MiB.
  app.useBodyParser('json', { limit: '25mb' });
  // After the body parser, so handlers run inside the request's span (see httpTracingMiddleware).
  app.use(httpTracingMiddleware('sandbox'));
  // No signal hooks here: the lifecycle hooks (reaper stop, clean-up) run on app.close(), and the
  // process entry point decides when that happens (exitOnSignals in main.ts, the all-in-one host).
  return app;
}

/**
 * Node closes an idle keep-alive connection after 5 s, which Node's fetch (the agents' sandbox
 * client) also reuses for up to 5 s less a second's margin. On a busy host (100 tasks on two cores,
 * the event loop seconds behind) a request then goes out on a connection the service is closing
 * and fails with ECONNRESET ("fetch failed"), failing its task. Kept open for 65 s, the client
 * (told by the `Keep-Alive: timeout=65` header) lets go of an idle connection first.
 */
function keepIdleConnectionsLongerThanClients(app: NestExpressApplication): void {
  const server: Server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  // Above keepAliveTimeout, or Node may time out a reused connection's next request headers first.
  server.headersTimeout = 66_000;
}
