import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from './message-bus';

/** Provides the process's one MessageBus under the MESSAGE_BUS token and closes it on shutdown. */
@Global()
@Module({})
export class BusModule implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  static forRoot(bus: MessageBus): DynamicModule {
    return { module: BusModule, providers: [{ provide: MESSAGE_BUS, useValue: bus }], exports: [MESSAGE_BUS] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
