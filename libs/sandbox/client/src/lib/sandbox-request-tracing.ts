import { SpanKind, injectTraceContext, withSpan, type TraceCarrier } from '@patchbay/observability';

/**
 * A client span per sandbox API call, whose context travels in the request's `traceparent`
 * header, so the sandbox service's server span (the exec itself) nests under the agent's
 * request. Span names use the route's shape; sandbox ids and file paths stay out of them.
 */
export function traceSandboxRequest<T>(
  method: string,
  path: string,
  send: (traceHeaders: TraceCarrier) => Promise<T>,
): Promise<T> {
  const operation =
    path
      .split('?')[0]
      .replace(/^\/[^/]+/, '/:id')
      .replace(/\/snapshots\/[^/]+/, '/snapshots/:snapshotId') || '/';
  return withSpan(
    'sandbox-client',
    `sandbox ${method} ${operation}`,
    { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'patchbay.sandbox.operation': operation } },
    () => send(injectTraceContext()),
  );
}
