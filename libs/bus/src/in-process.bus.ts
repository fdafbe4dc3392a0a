import { randomUUID } from 'node:crypto';
import { PATTERN_CONSUMERS, type BroadcastPattern, type MessagePattern, type ServiceName } from '@patchbay/contracts';
import { traceConsume, tracePublish, type TraceCarrier } from '@patchbay/observability';
import {
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type BroadcastHandler,
  type BusMessage,
  type MessageBus,
  type MessageHandler,
  type PublishOptions,
  type RetryPolicy,
} from './message-bus';

/** A message as it waits in memory, with the trace context its publisher's span put on it (as RabbitMQ headers would carry it). */
type QueuedMessage = BusMessage & { traceHeaders: TraceCarrier };

/**
 * The all-in-one driver: the same delivery semantics as RabbitMQ (asynchronous delivery, retries
 * with backoff, dead letters) inside one process. Messages published before a consumer exists
 * wait for it, as they would in a durable queue.
 */
export class InProcessBus implements MessageBus {
  private readonly handlers = new Map<ServiceName, ReadonlyMap<MessagePattern, MessageHandler>>();
  private readonly waiting = new Map<ServiceName, QueuedMessage[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly subscribers = new Map<BroadcastPattern, BroadcastHandler[]>();
  readonly deadLetters: Array<BusMessage & { error: string }> = [];
  private closed = false;

  constructor(private readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY) {}

  async publish(pattern: MessagePattern, payload: unknown, options: PublishOptions = {}): Promise<void> {
    if (this.closed) throw new Error('the message bus is closed');
    const messageId = options.messageId ?? randomUUID();
    const consumer = PATTERN_CONSUMERS[pattern];
    await tracePublish({ pattern, consumer, messageId }, 'in-process', async (traceHeaders) => {
      // Serialise like a broker would, so no handler can mutate the publisher's object.
      this.enqueue(
        consumer,
        { pattern, payload: JSON.parse(JSON.stringify(payload)), messageId, attempt: 1, traceHeaders },
        0,
      );
    });
  }

  async consume(service: ServiceName, handlers: ReadonlyMap<MessagePattern, MessageHandler>): Promise<void> {
    this.handlers.set(service, handlers);
    for (const message of this.waiting.get(service) ?? []) this.enqueue(service, message, 0);
    this.waiting.delete(service);
  }

  async broadcast(pattern: BroadcastPattern, payload: unknown): Promise<void> {
    if (this.closed) throw new Error('the message bus is closed');
    const copy: unknown = JSON.parse(JSON.stringify(payload));
    for (const handler of this.subscribers.get(pattern) ?? []) {
      // Asynchronous like a broker's delivery; a subscriber's failure stays its own.
      queueMicrotask(
        () =>
          void Promise.resolve()
            .then(() => handler(copy))
            .catch(() => undefined),
      );
    }
  }

  async subscribe(pattern: BroadcastPattern, handler: BroadcastHandler): Promise<void> {
    this.subscribers.set(pattern, [...(this.subscribers.get(pattern) ?? []), handler]);
  }

  async isReady(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private enqueue(service: ServiceName, message: QueuedMessage, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(service, message);
    }, delayMs);
    this.timers.add(timer);
  }

  private async deliver(service: ServiceName, queued: QueuedMessage): Promise<void> {
    const { traceHeaders, ...message } = queued;
    if (this.closed) return;
    const handler = this.handlers.get(service)?.get(message.pattern);
    if (!this.handlers.has(service)) {
      this.waiting.set(service, [...(this.waiting.get(service) ?? []), queued]);
      return;
    }
    if (!handler) {
      this.deadLetters.push({ ...message, error: `no handler for ${message.pattern} in ${service}` });
      return;
    }
    try {
      await traceConsume({ ...message, consumer: service }, 'in-process', traceHeaders, () => handler(message));
    } catch (error) {
      if (message.attempt >= this.retryPolicy.maxAttempts) {
        this.deadLetters.push({ ...message, error: error instanceof Error ? error.message : String(error) });
        return;
      }
      this.enqueue(service, { ...queued, attempt: message.attempt + 1 }, retryDelay(this.retryPolicy, message.attempt));
    }
  }
}
