import { Injectable, Logger } from '@nestjs/common';
import type { SandboxKillReason } from '@patchbay/contracts';
import { ContainerManager, messageOf } from './container-manager.service';
import { EgressNetworkService } from './egress-network.service';
import { OomMonitor } from './oom-monitor.service';
import { SandboxMetrics } from './sandbox-metrics';
import type { SandboxRecord } from './sandbox-record';
import { SandboxRegistry } from './sandbox-registry';

/** Ends sandboxes: one place that kills the container, closes its egress and keeps the books. */
@Injectable()
export class SandboxTerminator {
  private readonly logger = new Logger(SandboxTerminator.name);
  /** An exec and the container watcher both notice a stop; one of them does the books. */
  private readonly stopping = new WeakMap<SandboxRecord, Promise<void>>();

  constructor(
    private readonly containers: ContainerManager,
    private readonly egress: EgressNetworkService,
    private readonly registry: SandboxRegistry,
    private readonly metrics: SandboxMetrics,
    private readonly oom: OomMonitor,
  ) {}

  /**
   * Hard-kills the container but keeps the record, so callers can still learn why it died. The
   * container is removed; a dead sandbox has nothing left worth inspecting.
   */
  async kill(record: SandboxRecord, reason: SandboxKillReason): Promise<void> {
    if (record.state === 'running') {
      record.state = reason === 'destroyed' ? 'destroyed' : 'dead';
      record.killReason = reason;
      this.metrics.kills.inc({ reason });
      this.metrics.live.dec();
      record.releaseSlot();
    }
    this.release(record);
    try {
      await this.containers.remove(record.containerId);
    } catch (error) {
      this.logger.warn(`removing container of sandbox ${record.id} failed: ${messageOf(error)}`);
    }
  }

  /** Records a container that stopped on its own (the memory limit, mostly). */
  markStopped(record: SandboxRecord): Promise<void> {
    if (record.state !== 'running') return Promise.resolve();
    let marking = this.stopping.get(record);
    if (!marking) {
      marking = this.recordStop(record);
      this.stopping.set(record, marking);
    }
    return marking;
  }

  private async recordStop(record: SandboxRecord): Promise<void> {
    const state = await this.containers.state(record.containerId).catch(() => null);
    // The engine's flag, or an OOM event it reported for the container (kept if the flag is lost
    // because the container is already gone).
    const reason: SandboxKillReason = state?.oomKilled || this.oom.count(record.containerId) > 0 ? 'oom' : 'crashed';
    this.logger.warn(`sandbox ${record.id} stopped on its own (${reason})`);
    await this.kill(record, reason);
  }

  async destroy(record: SandboxRecord): Promise<void> {
    await this.kill(record, 'destroyed');
    this.registry.remove(record.id);
  }

  private release(record: SandboxRecord): void {
    if (record.expiryTimer) clearTimeout(record.expiryTimer);
    record.expiryTimer = null;
    if (record.egressIp) this.egress.revoke(record.egressIp);
  }
}
