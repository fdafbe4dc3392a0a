import { type DynamicModule, type Type, Module } from '@nestjs/common';
import { BusModule, type MessageBus } from '@patchbay/bus';
import { ServiceHealthController } from './service-health.controller';

export interface AgentServiceModuleOptions {
  bus: MessageBus;
  /** The service's feature modules: their @EventPattern handlers are consumed from its queue. */
  features: Array<Type | DynamicModule>;
}

/** The root module of an agent service: its features, the bus, and the health endpoints. */
@Module({})
export class AgentServiceModule {
  static forRoot(options: AgentServiceModuleOptions): DynamicModule {
    return {
      module: AgentServiceModule,
      imports: [BusModule.forRoot(options.bus), ...options.features],
      controllers: [ServiceHealthController],
    };
  }
}
