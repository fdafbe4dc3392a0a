import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { BusServer, createMessageBus, type MessageBus } from '@patchbay/bus';
import { loadConfig } from '@patchbay/config';
import type { ServiceName } from '@patchbay/contracts';
import { JsonLogger, startTracing } from '@patchbay/observability';
import { agentServiceConfigSchema } from './agent-service-config';
import { AgentServiceModule } from './agent-service.module';
import { exitOnSignals } from './exit-on-signals';

/**
 * Starts one agent service on its own: validated config, JSON logs, its queue consumed through
 * the bus, a health endpoint, and a clean exit on SIGTERM.
 */
export async function bootstrapAgentService(
  service: ServiceName,
  features: (bus: MessageBus) => Array<Type | DynamicModule>,
): Promise<INestApplication> {
  const logger = new JsonLogger(service);
  startTracing(service);
  let bus: MessageBus;
  let modules: Array<Type | DynamicModule>;
  let config;
  try {
    config = loadConfig(agentServiceConfigSchema);
    bus = createMessageBus({ driver: config.BUS_DRIVER, amqpUrl: config.AMQP_URL });
    modules = features(bus);
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const app = await NestFactory.create(AgentServiceModule.forRoot({ bus, features: modules }), { logger });
  app.connectMicroservice<MicroserviceOptions>({ strategy: new BusServer(bus, [service]) });
  await app.startAllMicroservices();
  await app.listen(config.HEALTH_PORT, config.HEALTH_HOST);
  exitOnSignals(app, logger);
  logger.log({ msg: `${service} started`, health: `${await app.getUrl()}/healthz` });
  return app;
}
