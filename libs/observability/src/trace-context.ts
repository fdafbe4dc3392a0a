import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

/** W3C trace-context fields as they travel in HTTP or message headers. */
export type TraceCarrier = Record<string, string>;

/** The active span's ids, for log lines; null when no span is recording (tracing off). */
export function activeTraceIds(): { traceId: string; spanId: string } | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId } = span.spanContext();
  return trace.isSpanContextValid(span.spanContext()) ? { traceId, spanId } : null;
}

/** The active context as `traceparent`/`tracestate` headers; empty when tracing is off. */
export function injectTraceContext(from: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(from, carrier);
  return carrier;
}

/**
 * The context a carrier describes. Headers from outside (a browser, a broker) are untrusted text:
 * the W3C propagator parses them strictly and ignores anything malformed, which then starts a
 * new trace instead of failing the request.
 */
export function extractTraceContext(carrier: Readonly<Record<string, unknown>> | undefined): Context {
  if (!carrier) return ROOT_CONTEXT;
  const headers: TraceCarrier = {};
  for (const [key, value] of Object.entries(carrier)) {
    if (typeof value === 'string') headers[key.toLowerCase()] = value;
    else if (Buffer.isBuffer(value)) headers[key.toLowerCase()] = value.toString('utf8');
  }
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** The trace id a stored `traceparent` names, or null when there is none or it is malformed. */
export function traceIdOf(traceparent: string | null | undefined): string | null {
  if (!traceparent) return null;
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent.trim());
  return match && !/^0+$/.test(match[1]) ? match[1] : null;
}
