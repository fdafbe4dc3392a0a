import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyLimiter, SlotWaitTimeoutError, type ReleaseSlot } from '@patchbay/concurrency';
import type { SandboxConfig } from './sandbox-config';
import { SandboxSlotsBusyError } from './sandbox-errors';
import { SandboxMetrics } from './sandbox-metrics';
import { SANDBOX_CONFIG } from './sandbox.tokens';

/**
 * The bound on sandboxes assigned to tasks at once (SANDBOX_MAX_ACTIVE, ADR 0038). A create above
 * it waits in arrival order for a sandbox to end instead of failing, so a burst of tasks queues
 * on a small host rather than starting more gVisor sandboxes than its cores and memory can run.
 */
@Injectable()
export class SandboxSlots {
  private readonly limiter: ConcurrencyLimiter;

  constructor(
    @Inject(SANDBOX_CONFIG) config: SandboxConfig,
    private readonly metrics: SandboxMetrics,
  ) {
    this.limiter = new ConcurrencyLimiter({
      name: 'active sandbox (SANDBOX_MAX_ACTIVE)',
      limit: config.slots.maxActive,
      maxWaitMs: config.slots.maxWaitMs,
      onChange: ({ active, waiting }) => {
        metrics.slotsActive.set(active);
        metrics.slotsWaiting.set(waiting);
      },
    });
  }

  /**
   * A slot for one new sandbox; its release must run when the sandbox ends (or its create fails).
   * `signal`: the caller went away, so it leaves the queue.
   */
  async acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    const started = performance.now();
    try {
      return await this.limiter.acquire({ signal });
    } catch (error) {
      if (error instanceof SlotWaitTimeoutError) throw new SandboxSlotsBusyError(error.message);
      throw error;
    } finally {
      this.metrics.slotWait.observe((performance.now() - started) / 1000);
    }
  }

  /** The slot of a sandbox that exists already (adopted after a restart): taken at once, never queued. */
  hold(): ReleaseSlot {
    return this.limiter.hold();
  }

  get active(): number {
    return this.limiter.active;
  }

  get waiting(): number {
    return this.limiter.waiting;
  }
}
