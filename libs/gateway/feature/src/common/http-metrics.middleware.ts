import { metricsRegistry } from '@patchbay/observability';
import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';

const requestDuration = new Histogram({
  name: 'patchbay_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Labels by route pattern, not raw path, so ids do not explode the metric's cardinality. */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction): void {
  const stop = requestDuration.startTimer();
  response.on('finish', () => {
    const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
    stop({ method: request.method, route: `${request.baseUrl}${route}`, status: String(response.statusCode) });
  });
  next();
}
