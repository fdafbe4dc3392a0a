import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ContainerManager, messageOf } from './container-manager.service';
import type { SandboxConfig } from './sandbox-config';
import { imageRef, sandboxEnv, sandboxLabels } from './sandbox-container-spec';
import { POOL_TASK_ID } from './sandbox-labels';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { WorkspaceGitService } from './workspace-git.service';

/**
 * After a pool hit, the replacement starts this much later: starting a gVisor container takes
 * most of a small machine's CPU for a few hundred milliseconds, and the claimed sandbox's first
 * commands — the latency the pool exists for — should not compete with it.
 */
const REFILL_DELAY_AFTER_HIT_MS = 250;

export interface WarmSandbox {
  id: string;
  containerId: string;
  image: string;
  baseCommit: string;
  createdAt: Date;
  /** Its expires-at label: the hard deadline of the sandbox it becomes. */
  deadline: Date;
  stopped: Promise<void>;
}

/**
 * Keeps `size` started, network-less sandboxes per image with an initialised empty workspace, so a
 * create costs a map lookup instead of a container start. Pooled containers run with the default
 * limits; a create asking for other limits, a network, or a git URL goes cold.
 */
@Injectable()
export class WarmPoolService implements OnApplicationShutdown {
  private readonly logger = new Logger(WarmPoolService.name);
  private readonly idle = new Map<string, WarmSandbox[]>();
  private readonly filling = new Map<string, number>();
  /** Fills under way; shutdown waits for them, else a container started during it outlives the process. */
  private readonly fills = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly git: WorkspaceGitService,
  ) {}

  /** Starts filling every pooled image; returns without waiting for the containers. */
  start(): void {
    for (const image of this.config.pool.images) this.refill(image);
  }

  /** Takes a warm sandbox if one is ready; the pool refills in the background. */
  claim(image: string): WarmSandbox | null {
    const queue = this.idle.get(image);
    const warm = queue?.shift() ?? null;
    if (this.config.pool.images.includes(image)) {
      if (warm) setTimeout(() => this.refill(image), REFILL_DELAY_AFTER_HIT_MS).unref();
      else this.refill(image);
    }
    return warm;
  }

  knows(containerId: string): boolean {
    for (const queue of this.idle.values()) if (queue.some((warm) => warm.containerId === containerId)) return true;
    return false;
  }

  idleCount(image: string): number {
    return this.idle.get(image)?.length ?? 0;
  }

  /** Resolves once every pooled image has its full complement (or the deadline passes). */
  async waitUntilFull(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.config.pool.images.every((image) => this.idleCount(image) >= this.config.pool.size)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  /** Replaces pooled containers older than the maximum age; called by the reaper. */
  async recycleStale(now: Date): Promise<void> {
    for (const [image, queue] of this.idle) {
      const stale = queue.filter((warm) => now.getTime() - warm.createdAt.getTime() > this.config.pool.maxAgeMs);
      if (stale.length === 0) continue;
      this.idle.set(
        image,
        queue.filter((warm) => !stale.includes(warm)),
      );
      await Promise.all(stale.map((warm) => this.containers.remove(warm.containerId).catch(() => undefined)));
      this.refill(image);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    // Each fill sees `stopping` when it completes and removes its own container.
    await Promise.allSettled([...this.fills]);
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(all.map((warm) => this.containers.remove(warm.containerId).catch(() => undefined)));
  }

  private refill(image: string): void {
    if (this.stopping || this.config.pool.size === 0) return;
    const missing = this.config.pool.size - this.idleCount(image) - (this.filling.get(image) ?? 0);
    for (let i = 0; i < missing; i++) {
      this.filling.set(image, (this.filling.get(image) ?? 0) + 1);
      const fill = this.createWarm(image)
        .then((warm) => {
          if (this.stopping) return this.containers.remove(warm.containerId);
          const queue = this.idle.get(image) ?? [];
          queue.push(warm);
          this.idle.set(image, queue);
          // A pooled sandbox that dies while idle (engine restart, OOM of a neighbour) leaves the pool.
          void warm.stopped.then(() => {
            const current = this.idle.get(image);
            if (current?.includes(warm)) {
              this.idle.set(
                image,
                current.filter((candidate) => candidate !== warm),
              );
              this.refill(image);
            }
          });
          return undefined;
        })
        .catch((error: unknown) => this.logger.warn(`warm sandbox for image ${image} failed: ${messageOf(error)}`))
        .finally(() => {
          this.filling.set(image, (this.filling.get(image) ?? 1) - 1);
          this.fills.delete(fill);
        });
      this.fills.add(fill);
    }
  }

  private async createWarm(image: string): Promise<WarmSandbox> {
    const id = `sbx-${randomUUID().slice(0, 12)}`;
    const createdAt = new Date();
    // Upper bound on how long the container can live: idle in the pool, then a full sandbox
    // lifetime, then the longest a task waiting for a human may keep it.
    const expiresAt = new Date(
      createdAt.getTime() +
        this.config.pool.maxAgeMs +
        this.config.defaultLimits.sandboxTimeoutMs +
        this.config.maxHoldMs,
    );
    const containerId = await this.containers.createAndStart({
      name: `patchbay-${id}`,
      image: imageRef(this.config, image),
      runtime: this.config.runtime,
      limits: this.config.defaultLimits,
      networkMode: 'none',
      env: sandboxEnv(null),
      labels: sandboxLabels(this.config, {
        id,
        taskId: POOL_TASK_ID,
        image,
        network: 'none',
        createdAt,
        expiresAt,
        pooled: true,
      }),
    });
    try {
      const baseCommit = await this.git.initEmpty(containerId);
      return {
        id,
        containerId,
        image,
        baseCommit,
        createdAt,
        deadline: expiresAt,
        stopped: this.containers.waitForStop(containerId),
      };
    } catch (error) {
      await this.containers.remove(containerId).catch(() => undefined);
      throw error;
    }
  }
}
