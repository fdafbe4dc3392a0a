import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { BusServer, createMessageBus } from '@patchbay/bus';
import { loadConfig } from '@patchbay/config';
import type { ServiceName } from '@patchbay/contracts';
import { JsonLogger } from '@patchbay/observability';
import { agentServiceConfigSchema } from './agent-service-config';
import { AgentServiceModule } from './agent-service.module';
import { exitOnSignals } from './exit-on-signals';

/**
 * Starts one agent service on its own: validated config, JSON logs, its queue consumed through
 * the bus, a health endpoint, and a clean exit on SIGTERM.
 */
export async function bootstrapAgentService(service: ServiceName, features: () => Array<Type | DynamicModule>): Promise<INestApplication> {
  const logger = new JsonLogger(service);
  let config;
  let modules: Array<Type | DynamicModule>;
  try {
    config = loadConfig(agentServiceConfigSchema);
    modules = features();
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const bus = createMessageBus({ driver: config.BUS_DRIVER, amqpUrl: config.AMQP_URL });
  const app = await NestFactory.create(AgentServiceModule.forRoot({ bus, features: modules }), { logger });
  app.connectMicroservice<MicroserviceOptions>({ strategy: new BusServer(bus, [service]) });
  await app.startAllMicroservices();
  await app.listen(config.HEALTH_PORT, '127.0.0.1');
  exitOnSignals(app, logger);
  logger.log({ msg: `${service} started`, health: `${await app.getUrl()}/healthz` });
  return app;
}
