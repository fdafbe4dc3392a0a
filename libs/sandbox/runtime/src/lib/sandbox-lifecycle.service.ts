import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ReaperService } from './reaper.service';
import { WarmPoolService } from './warm-pool.service';

/** Start-up order matters: reap the previous process's leftovers before the pool creates new ones. */
@Injectable()
export class SandboxLifecycleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SandboxLifecycleService.name);

  constructor(
    private readonly reaper: ReaperService,
    private readonly pool: WarmPoolService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.reaper.reapAtStartup();
    if (report.removed.length > 0) this.logger.log(`start-up reap removed ${report.removed.length} leftover sandbox(es)`);
    this.pool.start();
    this.reaper.start();
  }
}
