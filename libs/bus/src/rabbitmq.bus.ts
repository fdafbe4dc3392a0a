import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  PATTERN_CONSUMERS,
  serviceQueue,
  type BroadcastPattern,
  type MessagePattern,
  type ServiceName,
} from '@patchbay/contracts';
import { traceConsume, tracePublish, type TraceCarrier } from '@patchbay/observability';
import { connect, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import {
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type BroadcastHandler,
  type MessageBus,
  type MessageHandler,
  type PublishOptions,
  type RetryPolicy,
} from './message-bus';

const ATTEMPT_HEADER = 'x-patchbay-attempt';
/** The fanout exchange broadcasts go through; each subscribing instance binds its own exclusive queue. */
export const BROADCAST_EXCHANGE = 'patchbay.broadcast';
/** How long close() waits for running handlers before closing the connection under them. */
const CLOSE_DRAIN_MS = 10_000;
/** How long a publish waits for a broker that is away (restarting) before it fails. */
const DEFAULT_PUBLISH_PATIENCE_MS = 60_000;
/** Reconnection attempts after the broker went away: quick at first, then every few seconds. */
const RECONNECT_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];

/** Only the W3C fields travel on: a retry keeps the original publisher's context, nothing else. */
function traceHeadersOf(headers: Record<string, unknown> | undefined): TraceCarrier {
  const carrier: TraceCarrier = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = headers?.[name];
    if (typeof value === 'string') carrier[name] = value;
    else if (Buffer.isBuffer(value)) carrier[name] = value.toString('utf8');
  }
  return carrier;
}

/** Names of the three queues behind one service: work, delayed retries, dead letters. */
export function queueTopology(service: ServiceName) {
  const queue = serviceQueue(service);
  return { queue, retry: `${queue}.retry`, dead: `${queue}.dead` };
}

/**
 * RabbitMQ driver on amqplib: durable queues, persistent messages, publisher confirms, manual
 * acks and a dead-letter queue per service. A failed message is parked in the service's retry
 * queue with a per-message TTL (exponential backoff); when the TTL expires RabbitMQ dead-letters
 * it back onto the work queue. After the last attempt it is rejected into `<queue>.dead`.
 */
export class RabbitMqBus implements MessageBus {
  private readonly logger = new Logger(RabbitMqBus.name);
  private readonly inFlight = new Set<Promise<void>>();
  private connection?: ChannelModel;
  private channel?: ConfirmChannel;
  private connecting?: Promise<ConfirmChannel>;
  private readonly declared = new Set<ServiceName>();
  private readonly subscribers = new Map<BroadcastPattern, BroadcastHandler[]>();
  /** The channel this instance's broadcast queue is consumed on; a new connection binds a new queue. */
  private broadcastChannel?: ConfirmChannel;
  /**
   * Every service this instance consumes for, so that a new connection (after the broker
   * restarted) consumes them again: without it a service would stay connected and ready but
   * deaf, and every message to it would wait forever.
   */
  private readonly consumers = new Map<ServiceName, ReadonlyMap<MessagePattern, MessageHandler>>();
  private readonly consumingOn = new Map<ServiceName, ConfirmChannel>();
  private closing = false;
  private reconnecting = false;

  constructor(
    private readonly url: string,
    private readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly prefetch = 4,
    /** How long a publish keeps trying while the broker is away before it throws. */
    private readonly publishPatienceMs = DEFAULT_PUBLISH_PATIENCE_MS,
  ) {}

  /**
   * Sends once the broker has confirmed it. While the broker is away (a restart) the publish
   * waits and tries again, with the same message id, for up to `publishPatienceMs`: a message
   * whose confirm was lost may then arrive twice, which at-least-once delivery allows and
   * consumers de-duplicate by message id.
   */
  async publish(pattern: MessagePattern, payload: unknown, options: PublishOptions = {}): Promise<void> {
    const service = PATTERN_CONSUMERS[pattern];
    const messageId = options.messageId ?? randomUUID();
    const deadline = Date.now() + this.publishPatienceMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const channel = await this.open();
        await this.declare(channel, service);
        // The W3C trace-context headers ride beside the attempt header, so the consumer's span joins the publisher's trace.
        await tracePublish({ pattern, consumer: service, messageId }, 'rabbitmq', (traceHeaders) =>
          this.send(channel, queueTopology(service).queue, pattern, payload, messageId, 1, undefined, traceHeaders),
        );
        return;
      } catch (error) {
        if (this.closing || Date.now() >= deadline) throw error;
        if (attempt === 0)
          this.logger.warn({
            msg: 'publish failed; trying again once the broker answers',
            pattern,
            messageId,
            reason: error instanceof Error ? error.message : String(error),
          });
        await sleep(RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]);
      }
    }
  }

  async consume(service: ServiceName, handlers: ReadonlyMap<MessagePattern, MessageHandler>): Promise<void> {
    this.consumers.set(service, handlers);
    await this.consumeOn(await this.open(), service, handlers);
  }

  private async consumeOn(
    channel: ConfirmChannel,
    service: ServiceName,
    handlers: ReadonlyMap<MessagePattern, MessageHandler>,
  ): Promise<void> {
    if (this.consumingOn.get(service) === channel) return;
    this.consumingOn.set(service, channel);
    await this.declare(channel, service);
    await channel.prefetch(this.prefetch);
    const { queue, retry } = queueTopology(service);
    await channel.consume(
      queue,
      (raw) => {
        if (!raw) return;
        const handling = this.handle(channel, raw, handlers, retry, service);
        this.inFlight.add(handling);
        void handling.finally(() => this.inFlight.delete(handling));
      },
      { noAck: false },
    );
  }

  async broadcast(pattern: BroadcastPattern, payload: unknown): Promise<void> {
    const channel = await this.open();
    await channel.assertExchange(BROADCAST_EXCHANGE, 'fanout', { durable: true });
    // Not persistent: a notice is about work in flight now, which a restarted broker has no consumer of.
    await new Promise<void>((resolve, reject) => {
      channel.publish(
        BROADCAST_EXCHANGE,
        '',
        Buffer.from(JSON.stringify(payload)),
        { contentType: 'application/json', type: pattern },
        (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      );
    });
  }

  async subscribe(pattern: BroadcastPattern, handler: BroadcastHandler): Promise<void> {
    this.subscribers.set(pattern, [...(this.subscribers.get(pattern) ?? []), handler]);
    await this.listenToBroadcasts(await this.open());
  }

  /** One exclusive, auto-deleted queue per instance and connection, bound to the fanout exchange. */
  private async listenToBroadcasts(channel: ConfirmChannel): Promise<void> {
    if (this.broadcastChannel === channel) return;
    this.broadcastChannel = channel;
    await channel.assertExchange(BROADCAST_EXCHANGE, 'fanout', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(queue, BROADCAST_EXCHANGE, '');
    await channel.consume(
      queue,
      (raw) => {
        if (!raw) return;
        const pattern = raw.properties.type as BroadcastPattern;
        let payload: unknown;
        try {
          payload = JSON.parse(raw.content.toString('utf8'));
        } catch {
          this.logger.warn({ msg: 'unreadable broadcast dropped', pattern });
          return;
        }
        for (const handler of this.subscribers.get(pattern) ?? []) {
          void Promise.resolve()
            .then(() => handler(payload))
            .catch((error: unknown) =>
              this.logger.warn({
                msg: 'broadcast handler failed',
                pattern,
                reason: error instanceof Error ? error.message : String(error),
              }),
            );
        }
      },
      { noAck: true },
    );
  }

  async isReady(): Promise<boolean> {
    try {
      const channel = await this.open();
      await channel.checkQueue(queueTopology('supervisor').queue).catch(() => undefined);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Lets handlers that are still running settle their message first (bounded by
   * CLOSE_DRAIN_MS): a message whose work finished must be acknowledged, or the broker hands it
   * to another consumer and the work runs twice.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.inFlight.size > 0) {
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise((resolve) => setTimeout(resolve, CLOSE_DRAIN_MS).unref()),
      ]);
    }
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    this.connecting = undefined;
    await connection?.close().catch(() => undefined);
  }

  /**
   * Acks and nacks on a channel that closed meanwhile (shutdown, broker restart) throw; the broker
   * has already put the unacknowledged message back, so there is nothing left to do.
   */
  private settle(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.logger.warn({
        msg: 'channel closed before the message was settled; the broker will redeliver it',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async handle(
    channel: ConfirmChannel,
    raw: ConsumeMessage,
    handlers: ReadonlyMap<MessagePattern, MessageHandler>,
    retryQueue: string,
    service: ServiceName,
  ): Promise<void> {
    const pattern = raw.properties.type as MessagePattern;
    const attempt = Number(raw.properties.headers?.[ATTEMPT_HEADER] ?? 1);
    const messageId = String(raw.properties.messageId ?? randomUUID());
    const handler = handlers.get(pattern);
    if (!handler) {
      this.logger.error({ msg: 'no handler for message; dead-lettering it', pattern, messageId });
      this.settle(() => channel.nack(raw, false, false));
      return;
    }
    const traceHeaders = traceHeadersOf(raw.properties.headers);
    try {
      await traceConsume({ pattern, consumer: service, messageId, attempt }, 'rabbitmq', traceHeaders, async () => {
        const payload: unknown = JSON.parse(raw.content.toString('utf8'));
        await handler({ pattern, payload, messageId, attempt });
      });
      this.settle(() => channel.ack(raw));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt >= this.retryPolicy.maxAttempts || error instanceof SyntaxError) {
        this.logger.error({
          msg: 'message failed for the last time; dead-lettering it',
          pattern,
          messageId,
          attempt,
          reason,
        });
        this.settle(() => channel.nack(raw, false, false));
        return;
      }
      this.logger.warn({ msg: 'message failed; scheduling a retry', pattern, messageId, attempt, reason });
      try {
        await this.send(
          channel,
          retryQueue,
          pattern,
          raw.content,
          messageId,
          attempt + 1,
          retryDelay(this.retryPolicy, attempt),
          traceHeaders,
        );
        this.settle(() => channel.ack(raw));
      } catch {
        // Could not park it: let the broker redeliver rather than lose it.
        this.settle(() => channel.nack(raw, false, true));
      }
    }
  }

  private async send(
    channel: ConfirmChannel,
    queue: string,
    pattern: MessagePattern,
    payload: unknown,
    messageId: string,
    attempt: number,
    delayMs?: number,
    traceHeaders: TraceCarrier = {},
  ): Promise<void> {
    const content = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
    await new Promise<void>((resolve, reject) => {
      channel.sendToQueue(
        queue,
        content,
        {
          persistent: true,
          contentType: 'application/json',
          type: pattern,
          messageId,
          headers: { ...traceHeaders, [ATTEMPT_HEADER]: attempt },
          ...(delayMs !== undefined ? { expiration: String(delayMs) } : {}),
        },
        (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      );
    });
  }

  private async declare(channel: ConfirmChannel, service: ServiceName): Promise<void> {
    if (this.declared.has(service)) return;
    const { queue, retry, dead } = queueTopology(service);
    await channel.assertQueue(dead, { durable: true });
    await channel.assertQueue(queue, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': dead },
    });
    await channel.assertQueue(retry, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
    });
    this.declared.add(service);
  }

  private open(): Promise<ConfirmChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    this.connecting ??= (async () => {
      const connection = await connect(this.url);
      connection.on('error', (error: Error) =>
        this.logger.error({ msg: 'RabbitMQ connection error', reason: error.message }),
      );
      connection.on('close', () => {
        this.channel = undefined;
        this.connection = undefined;
        this.connecting = undefined;
        this.declared.clear();
        if (!this.closing) this.reconnect();
      });
      const channel = await connection.createConfirmChannel();
      this.connection = connection;
      this.channel = channel;
      // The broadcast queue died with the previous connection; subscribers keep listening on a new one.
      if (this.subscribers.size > 0) await this.listenToBroadcasts(channel);
      // Likewise the consumers: the broker handed their unacknowledged messages back, to be delivered here again.
      for (const [service, handlers] of this.consumers) await this.consumeOn(channel, service, handlers);
      return channel;
    })().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /**
   * After the connection dropped (broker restart, network): connect again in the background,
   * with backoff, until it works or the bus is closed — a consumer cannot wait for its next
   * publish to notice, as it may never publish.
   */
  private reconnect(): void {
    if (this.reconnecting || (this.consumers.size === 0 && this.subscribers.size === 0)) return;
    this.reconnecting = true;
    void (async () => {
      for (let attempt = 0; !this.closing; attempt++) {
        await sleep(RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]);
        if (this.closing) break;
        try {
          await this.open();
          this.logger.log({ msg: 'reconnected to RabbitMQ', consumers: [...this.consumers.keys()] });
          break;
        } catch (error) {
          if (attempt === 0)
            this.logger.warn({
              msg: 'RabbitMQ is away; reconnecting',
              reason: error instanceof Error ? error.message : String(error),
            });
        }
      }
      this.reconnecting = false;
    })();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
