import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the sandbox service, on a registry of its own (served at /metrics). */
@Injectable()
export class SandboxMetrics {
  readonly registry = new Registry();

  readonly creates = new Counter({
    name: 'patchbay_sandbox_creates_total',
    help: 'Sandboxes created, by image, network mode and whether the warm pool served them',
    labelNames: ['image', 'network', 'source'] as const,
    registers: [this.registry],
  });

  readonly createDuration = new Histogram({
    name: 'patchbay_sandbox_create_duration_seconds',
    help: 'Time from create request to a ready workspace',
    labelNames: ['source'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  readonly execDuration = new Histogram({
    name: 'patchbay_sandbox_exec_duration_seconds',
    help: 'Duration of commands run in sandboxes, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 15, 60, 300, 600],
    registers: [this.registry],
  });

  readonly poolHits = new Counter({
    name: 'patchbay_sandbox_pool_hits_total',
    help: 'Creates served from the warm pool',
    labelNames: ['image'] as const,
    registers: [this.registry],
  });

  readonly poolMisses = new Counter({
    name: 'patchbay_sandbox_pool_misses_total',
    help: 'Creates that found no warm sandbox and started one cold',
    labelNames: ['image'] as const,
    registers: [this.registry],
  });

  readonly kills = new Counter({
    name: 'patchbay_sandbox_kills_total',
    help: 'Commands or sandboxes killed, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly egressBlocked = new Counter({
    name: 'patchbay_sandbox_egress_blocked_total',
    help: 'Outbound connections refused by the egress proxy',
    registers: [this.registry],
  });

  readonly live = new Gauge({
    name: 'patchbay_sandbox_live',
    help: 'Sandboxes currently assigned to tasks',
    registers: [this.registry],
  });

  readonly slotsActive = new Gauge({
    name: 'patchbay_sandbox_slots_active',
    help: 'Sandbox slots held (sandboxes assigned to tasks, counted against SANDBOX_MAX_ACTIVE)',
    registers: [this.registry],
  });

  readonly slotsWaiting = new Gauge({
    name: 'patchbay_sandbox_slots_waiting',
    help: 'Creates queued for a free sandbox slot',
    registers: [this.registry],
  });

  readonly slotWait = new Histogram({
    name: 'patchbay_sandbox_slot_wait_seconds',
    help: 'Time a create waited for a free sandbox slot (0 when one was free)',
    buckets: [0.001, 0.01, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'patchbay_sandbox_process_' });
  }
}
