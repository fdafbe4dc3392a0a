import { randomUUID } from 'node:crypto';
import { PATTERN_CONSUMERS, type MessagePattern, type ServiceName } from '@patchbay/contracts';
import { DEFAULT_RETRY_POLICY, retryDelay, type BusMessage, type MessageBus, type MessageHandler, type PublishOptions, type RetryPolicy } from './message-bus';

/**
 * The all-in-one driver: the same delivery semantics as RabbitMQ (asynchronous delivery, retries
 * with backoff, dead letters) inside one process. Messages published before a consumer exists
 * wait for it, as they would in a durable queue.
 */
export class InProcessBus implements MessageBus {
  private readonly handlers = new Map<ServiceName, ReadonlyMap<MessagePattern, MessageHandler>>();
  private readonly waiting = new Map<ServiceName, BusMessage[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly deadLetters: Array<BusMessage & { error: string }> = [];
  private closed = false;

  constructor(private readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY) {}

  async publish(pattern: MessagePattern, payload: unknown, options: PublishOptions = {}): Promise<void> {
    if (this.closed) throw new Error('the message bus is closed');
    // Serialise like a broker would, so no handler can mutate the publisher's object.
    const message: BusMessage = { pattern, payload: JSON.parse(JSON.stringify(payload)), messageId: options.messageId ?? randomUUID(), attempt: 1 };
    this.enqueue(PATTERN_CONSUMERS[pattern], message, 0);
  }

  async consume(service: ServiceName, handlers: ReadonlyMap<MessagePattern, MessageHandler>): Promise<void> {
    this.handlers.set(service, handlers);
    for (const message of this.waiting.get(service) ?? []) this.enqueue(service, message, 0);
    this.waiting.delete(service);
  }

  async isReady(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private enqueue(service: ServiceName, message: BusMessage, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(service, message);
    }, delayMs);
    this.timers.add(timer);
  }

  private async deliver(service: ServiceName, message: BusMessage): Promise<void> {
    if (this.closed) return;
    const handler = this.handlers.get(service)?.get(message.pattern);
    if (!this.handlers.has(service)) {
      this.waiting.set(service, [...(this.waiting.get(service) ?? []), message]);
      return;
    }
    if (!handler) {
      this.deadLetters.push({ ...message, error: `no handler for ${message.pattern} in ${service}` });
      return;
    }
    try {
      await handler(message);
    } catch (error) {
      if (message.attempt >= this.retryPolicy.maxAttempts) {
        this.deadLetters.push({ ...message, error: error instanceof Error ? error.message : String(error) });
        return;
      }
      this.enqueue(service, { ...message, attempt: message.attempt + 1 }, retryDelay(this.retryPolicy, message.attempt));
    }
  }
}
