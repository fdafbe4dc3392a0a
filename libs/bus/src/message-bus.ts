import type { BroadcastPattern, MessagePattern, ServiceName } from '@patchbay/contracts';

export interface BusMessage {
  pattern: MessagePattern;
  payload: unknown;
  /** Stable across redeliveries and retries: consumers use it to drop duplicates. */
  messageId: string;
  /** 1 on first delivery, incremented by each retry. */
  attempt: number;
}

export type MessageHandler = (message: BusMessage) => Promise<void>;

/** Receives a broadcast; it runs once per subscribing instance, and what it throws is only logged. */
export type BroadcastHandler = (payload: unknown) => void | Promise<void>;

export interface PublishOptions {
  messageId?: string;
}

export interface RetryPolicy {
  /** Deliveries before a message is dead-lettered. */
  maxAttempts: number;
  /** Delay before the first retry; doubled for each further one. */
  initialDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, initialDelayMs: 1_000 };

export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return policy.initialDelayMs * 2 ** (attempt - 1);
}

/**
 * The one transport interface services see. A message is sent to the service that consumes its
 * pattern (PATTERN_CONSUMERS); a handler that throws gets the message again with exponential
 * backoff, and after the last attempt it goes to the service's dead-letter queue.
 */
export interface MessageBus {
  publish(pattern: MessagePattern, payload: unknown, options?: PublishOptions): Promise<void>;
  consume(service: ServiceName, handlers: ReadonlyMap<MessagePattern, MessageHandler>): Promise<void>;
  /** Sends a notice to every instance that subscribed to its pattern (BroadcastPatterns): no queue, no retry. */
  broadcast(pattern: BroadcastPattern, payload: unknown): Promise<void>;
  /** Receives every broadcast of a pattern from now on, in this instance. */
  subscribe(pattern: BroadcastPattern, handler: BroadcastHandler): Promise<void>;
  /** True while the bus can accept messages; backs the readiness probe. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
