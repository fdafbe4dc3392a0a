import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ReaperService } from './reaper.service';
import { SandboxAdoptionService } from './sandbox-adoption.service';
import { SandboxEngineStatus } from './sandbox-engine-status';
import { WarmPoolService } from './warm-pool.service';

/** Start-up order matters: adopt the previous process's task sandboxes, reap its other leftovers, then let the pool create new ones. */
@Injectable()
export class SandboxLifecycleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SandboxLifecycleService.name);

  constructor(
    private readonly reaper: ReaperService,
    private readonly pool: WarmPoolService,
    private readonly engine: SandboxEngineStatus,
    private readonly adoption: SandboxAdoptionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Without an engine the service still starts: /readyz and every create say why it cannot work,
    // and an engine started later is used without a restart (its leftovers go at the next periodic reap).
    const state = await this.engine.check();
    if (state.available) {
      // Running task sandboxes of a previous process of this instance are taken back first (ADR 0039); the reap removes the rest.
      await this.adoption.adoptLeftovers();
      const report = await this.reaper.reapAtStartup();
      if (report.removed.length > 0)
        this.logger.log(`start-up reap removed ${report.removed.length} leftover sandbox(es)`);
      // Only with an engine: each warm sandbox would fail at once; a create's claim fills the pool later.
      this.pool.start();
    } else {
      this.logger.warn(`the sandbox engine is not available: ${state.reason} — run npm run doctor`);
    }
    this.reaper.start();
  }
}
