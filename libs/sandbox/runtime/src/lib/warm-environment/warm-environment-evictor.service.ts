import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { messageOf } from '../container-manager.service';
import type { SandboxConfig } from '../sandbox-config';
import { SANDBOX_CONFIG } from '../sandbox.tokens';
import { WarmEnvironmentImages, type WarmEnvironmentImage } from './warm-environment-images';
import { WarmEnvironmentService } from './warm-environment.service';

/** A build or read container older than this belongs to a process that died mid-way. */
const HELPER_MAX_AGE_MS = 60 * 60_000;

export interface EvictionReport {
  removed: Array<{ imageId: string; key: string | null; reason: 'age' | 'size' | 'replaced' }>;
  /** Images that should have gone but were in use (a restore reading them); tried again next time. */
  inUse: number;
}

/**
 * Keeps warm environments within SANDBOX_WARM_ENV_MAX_AGE_MS (since the snapshot was taken, so a
 * repository's dependencies are installed afresh now and then) and SANDBOX_WARM_ENV_MAX_BYTES
 * (least recently used first; use is what this process saw, else the snapshot's age). Runs on
 * the reaper's interval.
 */
@Injectable()
export class WarmEnvironmentEvictor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WarmEnvironmentEvictor.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<EvictionReport> | null = null;

  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly images: WarmEnvironmentImages,
    private readonly warm: WarmEnvironmentService,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.evict().catch((error: unknown) => this.logger.warn(`warm environment eviction failed: ${messageOf(error)}`));
    }, this.config.reaperIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass; a pass already running is joined rather than repeated. */
  evict(now = new Date()): Promise<EvictionReport> {
    this.running ??= this.pass(now).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(now: Date): Promise<EvictionReport> {
    const report: EvictionReport = { removed: [], inUse: 0 };
    await this.images.removeHelpersOlderThan(new Date(now.getTime() - HELPER_MAX_AGE_MS));
    const remove = async (image: WarmEnvironmentImage, reason: EvictionReport['removed'][number]['reason']) => {
      if (await this.images.remove(image)) {
        report.removed.push({ imageId: image.imageId, key: image.key, reason });
        if (image.key) this.warm.lastUsed.delete(image.key);
        return true;
      }
      report.inUse++;
      return false;
    };
    const kept: WarmEnvironmentImage[] = [];
    for (const image of await this.images.list()) {
      // Untagged: a later snapshot of the same key took the tag over (two tasks saved at once).
      if (!image.key) await remove(image, 'replaced');
      else if (now.getTime() - image.createdAt.getTime() > this.config.warmEnvironments.maxAgeMs)
        await remove(image, 'age');
      else kept.push(image);
    }
    const lastUse = (image: WarmEnvironmentImage) =>
      (image.key ? this.warm.lastUsed.get(image.key) : undefined) ?? image.createdAt.getTime();
    kept.sort((a, b) => lastUse(a) - lastUse(b));
    let total = kept.reduce((sum, image) => sum + image.bytes, 0);
    for (const image of kept) {
      if (total <= this.config.warmEnvironments.maxBytes) break;
      if (await remove(image, 'size')) total -= image.bytes;
    }
    if (report.removed.length > 0)
      this.logger.log(
        `evicted ${report.removed.length} warm environment(s): ${report.removed.map((r) => `${r.key?.slice(0, 12) ?? r.imageId} (${r.reason})`).join(', ')}`,
      );
    return report;
  }
}
