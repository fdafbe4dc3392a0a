import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { MessagePattern, ServiceName } from '@patchbay/contracts';
import { firstValueFrom, isObservable } from 'rxjs';
import type { MessageBus, MessageHandler } from './message-bus';

/**
 * A Nest microservice transport over our MessageBus: handlers declared with Nest's
 * `@EventPattern(MessagePatterns.X)` are consumed from the service's queue by whichever bus
 * driver is configured, so the same handler runs distributed or all-in-one.
 */
export class BusServer extends Server implements CustomTransportStrategy {
  constructor(
    private readonly bus: MessageBus,
    private readonly service: ServiceName,
  ) {
    super();
  }

  listen(callback: () => void): void {
    const handlers = new Map<MessagePattern, MessageHandler>();
    for (const [pattern, handler] of this.messageHandlers) {
      handlers.set(pattern as MessagePattern, async (message) => {
        const result: unknown = await handler(message.payload, message);
        if (isObservable(result)) await firstValueFrom(result, { defaultValue: undefined });
      });
    }
    this.bus.consume(this.service, handlers).then(callback, (error: unknown) => {
      this.logger.error(`could not consume the ${this.service} queue: ${String(error)}`);
      callback();
    });
  }

  async close(): Promise<void> {
    await this.bus.close();
  }

  on(): void {
    throw new Error('BusServer does not emit transport events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
