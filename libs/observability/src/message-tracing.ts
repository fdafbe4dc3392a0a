import { context, SpanKind } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext, type TraceCarrier } from './trace-context';
import { withSpan } from './traced';

/** What a bus driver knows about a message, for the spans around publishing and handling it. */
export interface TracedMessage {
  pattern: string;
  /** The service whose queue the message goes to. */
  consumer: string;
  messageId: string;
}

function messageAttributes(message: TracedMessage, system: string) {
  return {
    'messaging.system': system,
    'messaging.destination.name': message.consumer,
    'messaging.message.id': message.messageId,
    'patchbay.message.pattern': message.pattern,
  };
}

/**
 * Publishes inside a producer span and hands `send` the headers that carry that span's context,
 * so the consumer's span becomes its child. Producer spans are the bus's own (`patchbay.service`
 * = bus): the driver does not know which component publishes, only the span it publishes under,
 * which is the producer span's parent.
 */
export async function tracePublish(
  message: TracedMessage,
  system: string,
  send: (headers: TraceCarrier) => Promise<void>,
): Promise<void> {
  await withSpan(
    'bus',
    `${message.pattern} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { ...messageAttributes(message, system), 'messaging.operation.type': 'send' },
    },
    () => send(injectTraceContext(context.active())),
  );
}

/** Runs a message's handler in a consumer span whose parent is the context the headers carry. */
export async function traceConsume<T>(
  message: TracedMessage & { attempt: number },
  system: string,
  headers: Readonly<Record<string, unknown>> | undefined,
  handle: () => Promise<T>,
): Promise<T> {
  return withSpan(
    message.consumer,
    `${message.pattern} process`,
    {
      kind: SpanKind.CONSUMER,
      parent: extractTraceContext(headers),
      attributes: {
        ...messageAttributes(message, system),
        'messaging.operation.type': 'process',
        'patchbay.message.attempt': message.attempt,
      },
    },
    () => handle(),
  );
}
