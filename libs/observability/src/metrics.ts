import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per process, so every module's metrics appear on the service's /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
