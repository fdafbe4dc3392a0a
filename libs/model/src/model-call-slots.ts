import { ConcurrencyLimiter } from '@patchbay/concurrency';
import { metricsRegistry } from '@patchbay/observability';
import { Gauge } from 'prom-client';

const active = new Gauge({
  name: 'patchbay_model_calls_active',
  help: 'Model calls in flight in this process (counted against MODEL_MAX_CONCURRENCY)',
  registers: [metricsRegistry],
});

const waiting = new Gauge({
  name: 'patchbay_model_calls_waiting',
  help: 'Model calls queued for a free slot (MODEL_MAX_CONCURRENCY)',
  registers: [metricsRegistry],
});

/**
 * The bound on model calls in flight at once in a process (MODEL_MAX_CONCURRENCY, ADR 0038): a
 * call above it waits its turn, in arrival order, and leaves the queue when its task is cancelled.
 * One per process (the process's TaskModels), so every role and task shares it; its gauges are on
 * the process's /metrics.
 */
export function createModelCallSlots(limit: number): ConcurrencyLimiter {
  return new ConcurrencyLimiter({
    name: 'model call (MODEL_MAX_CONCURRENCY)',
    limit,
    onChange: (state) => {
      active.set(state.active);
      waiting.set(state.waiting);
    },
  });
}
