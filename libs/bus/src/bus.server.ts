import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { PATTERN_CONSUMERS, type MessagePattern, type ServiceName } from '@patchbay/contracts';
import { firstValueFrom, isObservable } from 'rxjs';
import type { MessageBus, MessageHandler } from './message-bus';

/**
 * A Nest microservice transport over our MessageBus: handlers declared with Nest's
 * `@EventPattern(MessagePatterns.X)` are consumed from the queue of the service that owns the
 * pattern, by whichever bus driver is configured — so the same handlers run one service per
 * process (distributed) or several services in one process (all-in-one).
 */
export class BusServer extends Server implements CustomTransportStrategy {
  constructor(
    private readonly bus: MessageBus,
    private readonly hostedServices: readonly ServiceName[],
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    const byService = new Map<ServiceName, Map<MessagePattern, MessageHandler>>();
    for (const [key, handler] of this.messageHandlers) {
      const pattern = key as MessagePattern;
      const service = PATTERN_CONSUMERS[pattern];
      if (!service || !this.hostedServices.includes(service)) {
        callback(
          new Error(
            `a handler for "${key}" is registered in a process that does not host its consumer (${service ?? 'unknown pattern'})`,
          ),
        );
        return;
      }
      const handlers = byService.get(service) ?? new Map<MessagePattern, MessageHandler>();
      handlers.set(pattern, async (message) => {
        const result: unknown = await handler(message.payload, message);
        if (isObservable(result)) await firstValueFrom(result, { defaultValue: undefined });
      });
      byService.set(service, handlers);
    }
    // A service without handlers does not consume: its messages wait in its queue for a process that has them.
    Promise.all([...byService].map(([service, handlers]) => this.bus.consume(service, handlers))).then(
      () => callback(),
      callback,
    );
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
