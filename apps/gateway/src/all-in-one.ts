import 'reflect-metadata';
import { InProcessBus } from '@patchbay/bus';
import { loadConfig } from '@patchbay/config';
import { createGatewayApp, createGatewayKeyProviders, gatewayConfigSchema, serveDashboard } from '@patchbay/gateway-feature';
import path from 'node:path';
import { JsonLogger } from '@patchbay/observability';
import { exitOnSignals } from '@patchbay/agent-runtime';
import { runMigrations, startEmbeddedPostgres, type EmbeddedDatabase } from '@patchbay/persistence';
import { SupervisorModule } from '@patchbay/supervisor-feature';

/**
 * `npm start`: the gateway and the agent services in one process over the in-process bus, with
 * an embedded PostgreSQL when DATABASE_URL is unset. See docs/adr/0002-all-in-one-mode.md.
 */
async function main(): Promise<void> {
  const logger = new JsonLogger('patchbay');
  const config = loadConfig(gatewayConfigSchema);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const port = Number(process.env['EMBEDDED_PG_PORT'] ?? 54329);
    logger.log({ msg: 'DATABASE_URL is not set: starting the embedded PostgreSQL', port, dataDir: config.DATA_DIR });
    embedded = await startEmbeddedPostgres(config.DATA_DIR, port);
    databaseUrl = embedded.url;
  }
  const applied = await runMigrations(databaseUrl);
  if (applied.length > 0) logger.log({ msg: 'database migrated', applied });

  const url = databaseUrl;
  const app = await createGatewayApp({
    config,
    databaseUrl: () => url,
    bus: new InProcessBus(),
    keyProviders: createGatewayKeyProviders(config),
    colocated: { services: ['supervisor'], modules: [SupervisorModule] },
    logger,
  });
  const dashboard = path.resolve(process.env['WEB_DIST_DIR'] ?? 'dist/apps/web');
  if (!serveDashboard(app, dashboard)) logger.warn(`No dashboard build at ${dashboard}: run "npm run setup" to build it; the API works without it`);
  await app.startAllMicroservices();
  await app.listen(config.PORT);
  exitOnSignals(app, logger, 10_000, async () => embedded?.stop());
  const address = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  logger.log({ msg: `Patchbay is running: open ${address} (API docs: ${address}/api/docs)` });
}

main().catch((error: unknown) => {
  new JsonLogger('patchbay').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
