import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ProposeBacklogPatchCommand } from '@patchbay/contracts';
import { BacklogPlanner } from '@patchbay/pipeline';
import { BacklogRepository } from '@patchbay/persistence';
import { SUPERVISOR_OPTIONS, type SupervisorOptions } from './supervisor.options';

/**
 * Answers backlog conversations beside the task graph (ADR 0035): a proposal touches no task, so
 * it needs no lease or checkpoint, and any supervisor instance may answer.
 */
@Injectable()
export class BacklogPlanningService implements OnApplicationShutdown {
  private readonly logger = new Logger(BacklogPlanningService.name);
  private readonly planner: BacklogPlanner;
  private readonly running = new Set<Promise<void>>();

  constructor(@Inject(SUPERVISOR_OPTIONS) options: SupervisorOptions, store: BacklogRepository) {
    this.planner = new BacklogPlanner({ store, models: options.models });
  }

  /** Starts answering and returns at once: a model call must not hold the bus message. */
  propose(command: ProposeBacklogPatchCommand): void {
    const run = this.planner
      .propose(command)
      .catch((error: unknown) =>
        this.logger.error({
          msg: 'backlog proposal failed',
          conversationId: command.conversationId,
          messageId: command.messageId,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
