import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ContainerManager, messageOf, type ManagedContainer } from './container-manager.service';
import type { SandboxConfig } from './sandbox-config';
import { SANDBOX_LABELS } from './sandbox-labels';
import { SandboxMetrics } from './sandbox-metrics';
import { SandboxRegistry } from './sandbox-registry';
import { SandboxTerminator } from './sandbox-terminator.service';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { WarmPoolService } from './warm-pool.service';

/** A container of ours that nobody tracks is left alone this long: it may be mid-create. */
const CREATE_GRACE_MS = 120_000;

export interface ReapReport {
  removed: string[];
}

/**
 * Removes sandbox containers nobody will ever use again, so a crash leaks nothing:
 *  - at start-up, every container labelled with this instance's id that was not adopted back
 *    (the previous process's state died with it, so they are unreachable; ADR 0039) and every
 *    expired container of any instance;
 *  - periodically, expired containers and containers of this instance that are neither a live
 *    sandbox nor in the warm pool.
 */
@Injectable()
export class ReaperService implements OnApplicationShutdown {
  private readonly logger = new Logger(ReaperService.name);
  private timer: NodeJS.Timeout | null = null;
  /** The last periodic reap failed (the engine is away): its warning is not repeated until one succeeds. */
  private failing = false;

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly registry: SandboxRegistry,
    private readonly pool: WarmPoolService,
    private readonly terminator: SandboxTerminator,
    private readonly metrics: SandboxMetrics,
  ) {}

  async reapAtStartup(): Promise<ReapReport> {
    const now = Date.now();
    // Adopted sandboxes (SandboxAdoptionService, which runs first) are tracked again and stay.
    return this.reap(
      (container) =>
        isExpired(container, now) ||
        (this.ownedByMe(container) && this.registry.findByContainer(container.containerId)?.state !== 'running'),
    );
  }

  async reapPeriodically(): Promise<ReapReport> {
    const now = Date.now();
    for (const record of this.registry.all()) {
      if (record.state === 'running' && record.expiresAt.getTime() <= now)
        await this.terminator.kill(record, 'sandbox_timeout');
      // Dead sandboxes stay queryable for a while so callers can learn why they died.
      if (record.state !== 'running' && now - record.expiresAt.getTime() > 60 * 60_000) this.registry.remove(record.id);
    }
    await this.pool.recycleStale(new Date(now));
    return this.reap((container) => {
      if (isExpired(container, now)) return true;
      if (!this.ownedByMe(container)) return false;
      if (
        this.registry.findByContainer(container.containerId)?.state === 'running' ||
        this.pool.knows(container.containerId)
      )
        return false;
      const createdAt = Date.parse(container.labels[SANDBOX_LABELS.createdAt] ?? '');
      return Number.isNaN(createdAt) || now - createdAt > CREATE_GRACE_MS;
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.reapPeriodically().then(
        () => (this.failing = false),
        (error: unknown) => {
          // Once per outage: an engine that stays away would otherwise repeat this every interval.
          if (!this.failing) this.logger.warn(`periodic reap failed: ${messageOf(error)}`);
          this.failing = true;
        },
      );
    }, this.config.reaperIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private ownedByMe(container: ManagedContainer): boolean {
    return container.labels[SANDBOX_LABELS.owner] === this.config.instanceId;
  }

  private async reap(shouldRemove: (container: ManagedContainer) => boolean): Promise<ReapReport> {
    const removed: string[] = [];
    for (const container of await this.containers.listManaged()) {
      if (!shouldRemove(container)) continue;
      const record = this.registry.findByContainer(container.containerId);
      if (record) {
        await this.terminator.kill(record, 'reaped');
      } else {
        await this.containers.remove(container.containerId).catch(() => undefined);
        this.metrics.kills.inc({ reason: 'reaped' });
      }
      removed.push(container.labels[SANDBOX_LABELS.id] ?? container.containerId);
    }
    if (removed.length > 0) this.logger.log(`reaped ${removed.length} sandbox container(s): ${removed.join(', ')}`);
    return { removed };
  }
}

function isExpired(container: ManagedContainer, now: number): boolean {
  const expiresAt = Date.parse(container.labels[SANDBOX_LABELS.expiresAt] ?? '');
  return !Number.isNaN(expiresAt) && expiresAt <= now;
}
