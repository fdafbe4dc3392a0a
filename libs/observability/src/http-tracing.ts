import { SpanKind, trace, context } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import { extractTraceContext } from './trace-context';
import { SERVICE_ATTRIBUTE, recordFailure } from './traced';

/** The parts of an Express request and response the middleware reads (no express import in a util library). */
interface HttpRequest {
  method: string;
  baseUrl: string;
  path: string;
  route?: unknown;
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  statusCode: number;
  on(event: 'finish' | 'close', listener: () => void): unknown;
}

/** Probes and scrapes arrive every few seconds and say nothing about a task: not traced. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Express middleware opening a server span per request, the child of a `traceparent` the caller
 * sent (the dashboard, an agent calling the sandbox). The span is renamed to the matched route
 * pattern when the response finishes, so ids never land in span names. With tracing off, and for
 * health probes and metric scrapes, it only calls `next`.
 */
export function httpTracingMiddleware(service: string) {
  const tracer = trace.getTracer(`patchbay.${service}`);
  return (request: HttpRequest, response: HttpResponse, next: () => void): void => {
    if (UNTRACED_PATHS.has(request.path)) {
      next();
      return;
    }
    const parent = extractTraceContext(request.headers);
    const span = tracer.startSpan(
      `${request.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [SERVICE_ATTRIBUTE]: service,
          [ATTR_HTTP_REQUEST_METHOD]: request.method,
          [ATTR_URL_PATH]: request.path,
        },
      },
      parent,
    );
    if (!span.isRecording()) {
      next();
      return;
    }
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = (request.route as { path?: string } | undefined)?.path;
      if (route) {
        span.setAttribute(ATTR_HTTP_ROUTE, `${request.baseUrl}${route}`);
        span.updateName(`${request.method} ${request.baseUrl}${route}`);
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode);
      if (response.statusCode >= 500) recordFailure(span, new Error(`HTTP ${response.statusCode}`));
      span.end();
    };
    response.on('finish', end);
    response.on('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}
