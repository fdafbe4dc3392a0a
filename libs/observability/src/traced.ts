import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { redact } from './redact';

/** The attribute that names the Patchbay component (gateway, supervisor, coding-agent, sandbox …) of a span. */
export const SERVICE_ATTRIBUTE = 'patchbay.service';

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent other than the active context (a stored task context, an extracted header). */
  parent?: Context;
  links?: Link[];
  /** Errors that are control flow, not failure (a graph interrupt): the span ends without an error status. */
  isFailure?: (error: unknown) => boolean;
}

/**
 * Runs `work` inside a new span of `service`'s tracer and ends it when `work` settles: an error
 * is recorded on the span and rethrown unchanged. With tracing off the span is a no-op and
 * `work` runs as it would without it.
 */
export async function withSpan<T>(
  service: string,
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(`patchbay.${service}`);
  const span = tracer.startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: { [SERVICE_ATTRIBUTE]: service, ...options.attributes },
      links: options.links,
    },
    options.parent ?? context.active(),
  );
  try {
    return await context.with(trace.setSpan(options.parent ?? context.active(), span), () => work(span));
  } catch (error) {
    if (options.isFailure?.(error) ?? true) recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Marks a span failed. The message goes through the same redaction as log lines, since spans
 * leave the process too; the stack is left out for the same reason.
 */
export function recordFailure(span: Span, error: unknown): void {
  const message = String(redact(error instanceof Error ? error.message : String(error)));
  span.addEvent('exception', {
    'exception.type': error instanceof Error ? error.name : typeof error,
    'exception.message': message,
  });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

export { SpanKind };
