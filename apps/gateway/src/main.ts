import 'reflect-metadata';
import { createMessageBus } from '@patchbay/bus';
import { loadConfig } from '@patchbay/config';
import {
  createGatewayApp,
  createGatewayKeyProviders,
  gatewayConfigSchema,
  listenGateway,
  serveDashboard,
} from '@patchbay/gateway-feature';
import { githubAppClientFromEnv } from '@patchbay/github';
import { JsonLogger, startTracing } from '@patchbay/observability';
import { exitOnSignals } from '@patchbay/agent-runtime';

/** The gateway on its own (distributed mode): Postgres and RabbitMQ are configured services. */
async function main(): Promise<void> {
  const logger = new JsonLogger('gateway');
  startTracing('gateway');
  const config = loadConfig(gatewayConfigSchema);
  const databaseUrl = config.DATABASE_URL;
  if (!databaseUrl)
    throw new Error(
      'DATABASE_URL is required to run the gateway on its own (npm start runs all-in-one with an embedded database)',
    );
  const bus = createMessageBus({ driver: config.BUS_DRIVER, amqpUrl: config.AMQP_URL });
  const app = await createGatewayApp({
    config,
    databaseUrl: () => databaseUrl,
    bus,
    keyProviders: createGatewayKeyProviders(config),
    github: await githubAppClientFromEnv(process.env, () => createGatewayKeyProviders(config)),
    logger,
  });
  // Serving the dashboard is optional here: it can as well come from any static web server.
  if (
    process.env['WEB_DIST_DIR'] &&
    !serveDashboard(app, process.env['WEB_DIST_DIR'], { serveSourceMaps: config.SERVE_SOURCE_MAPS })
  ) {
    logger.warn(`WEB_DIST_DIR=${process.env['WEB_DIST_DIR']} holds no dashboard build (index.html)`);
  }
  await app.startAllMicroservices();
  await listenGateway(app, config);
  exitOnSignals(app, logger);
  logger.log({ msg: 'gateway listening', url: await app.getUrl() });
}

main().catch((error: unknown) => {
  new JsonLogger('gateway').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
