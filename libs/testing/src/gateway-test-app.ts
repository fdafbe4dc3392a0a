import type { INestApplication, LoggerService } from '@nestjs/common';
import type { GithubAppClient } from '@patchbay/github';
import { InProcessBus, type MessageBus } from '@patchbay/bus';
import {
  createGatewayApp,
  gatewayConfigSchema,
  serveDashboard,
  type CreateGatewayAppOptions,
  type GatewayConfig,
} from '@patchbay/gateway-feature';
import { LocalKeyProvider, type KeyProvider } from '@patchbay/secrets';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { testDatabaseUrl } from './test-environment';

export interface GatewayTestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  bus: MessageBus;
  config: GatewayConfig;
  /** Signs in through the real dev-login route; `organisation` defaults to a fresh one per call site. */
  login(
    login: string,
    organisation: string,
  ): Promise<{ token: string; userId: string; organisationId: string; role: string }>;
  close(): Promise<void>;
}

export interface GatewayTestOptions {
  env?: Record<string, string>;
  /** Other services hosted in the same application, as in all-in-one mode. */
  colocated?: CreateGatewayAppOptions['colocated'];
  bus?: MessageBus;
  keyProviders?: KeyProvider[];
  /** Listen on an ephemeral port (needed for WebSocket tests). */
  listen?: boolean;
  /** Another database than the test database (benchmarks). */
  databaseUrl?: string;
  /** The GitHub App, pointed at a local fake GitHub. */
  github?: GithubAppClient | null;
  /** Where framework and service logs go; silent by default. */
  logger?: LoggerService | false;
  /** A dashboard build to serve, as main.ts does (SERVE_SOURCE_MAPS from `env`). */
  dashboardDir?: string;
  /** Further /readyz checks, as all-in-one adds the sandbox engine's. */
  readiness?: CreateGatewayAppOptions['readiness'];
}

/**
 * The real gateway — same module, same HTTP configuration as production — against the test
 * database, with the in-process bus unless a test supplies another.
 */
export async function startGatewayTestApp(options: GatewayTestOptions = {}): Promise<GatewayTestApp> {
  const config = gatewayConfigSchema.parse({
    AUTH_MODE: 'dev',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'patchbay-gateway-')),
    // createGitRepository makes its repositories here; the gateway's own DATA_DIR, though inside, stays refused.
    FORGE_IMPORT_ROOTS: os.tmpdir(),
    SWAGGER_ENABLED: 'true',
    ...options.env,
  });
  const bus = options.bus ?? new InProcessBus({ maxAttempts: 2, initialDelayMs: 10 });
  const app = await createGatewayApp({
    config,
    databaseUrl: () => options.databaseUrl ?? testDatabaseUrl(),
    bus,
    keyProviders: options.keyProviders ?? [new LocalKeyProvider(randomBytes(32))],
    colocated: options.colocated,
    github: options.github ?? null,
    logger: options.logger ?? false,
    readiness: options.readiness,
  });
  // Before init, as in main.ts: middleware added later would sit behind Nest's 404 handler.
  if (
    options.dashboardDir &&
    !serveDashboard(app, options.dashboardDir, { serveSourceMaps: config.SERVE_SOURCE_MAPS })
  ) {
    throw new Error(`No index.html in ${options.dashboardDir}`);
  }
  await app.startAllMicroservices();
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    bus,
    config,
    async login(login, organisation) {
      const response = await http.post('/api/v1/auth/dev-login').send({ login, organisation }).expect(200);
      const body = response.body as { token: string; user: { id: string; organisationId: string; role: string } };
      return {
        token: body.token,
        userId: body.user.id,
        organisationId: body.user.organisationId,
        role: body.user.role,
      };
    },
    close: () => app.close(),
  };
}

/** A unique, valid organisation slug or login, so tests never share state. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
