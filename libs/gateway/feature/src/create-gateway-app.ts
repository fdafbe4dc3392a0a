import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceName } from '@patchbay/contracts';
import { configureGatewayApp } from './configure-gateway-app';
import { GatewayModule, type GatewayModuleOptions } from './gateway.module';

export interface CreateGatewayAppOptions extends GatewayModuleOptions {
  /** Other services' feature modules hosted in the same process (all-in-one mode). */
  colocated?: { services: ServiceName[]; modules: Array<Type | DynamicModule> };
  logger?: LoggerService | false;
}

/** Builds the gateway application, fully configured but not yet listening. */
export async function createGatewayApp(options: CreateGatewayAppOptions): Promise<INestApplication> {
  @Module({ imports: [GatewayModule.forRoot(options), ...(options.colocated?.modules ?? [])] })
  class GatewayRootModule {}

  const app = await NestFactory.create(GatewayRootModule, {
    bodyParser: false,
    logger: options.logger ?? undefined,
    abortOnError: false,
  });
  configureGatewayApp(app, options.config, options.bus, ['gateway', ...(options.colocated?.services ?? [])]);
  return app;
}
