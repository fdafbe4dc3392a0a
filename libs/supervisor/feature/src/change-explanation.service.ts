import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import type { ExplainChangeCommand } from '@patchbay/contracts';
import { ChangeExplainer, TaskEventPublisher } from '@patchbay/pipeline';
import {
  ApprovalRepository,
  PipelineRepository,
  TaskEventRepository,
  TaskTransitionRepository,
} from '@patchbay/persistence';
import { SUPERVISOR_OPTIONS, type SupervisorOptions } from './supervisor.options';

/**
 * Answers reviewers' questions about diffs beside the task graph: an explanation changes nothing
 * the graph owns, so it needs no lease or checkpoint, and any supervisor instance may answer it.
 */
@Injectable()
export class ChangeExplanationService implements OnApplicationShutdown {
  private readonly logger = new Logger(ChangeExplanationService.name);
  private readonly explainer: ChangeExplainer;
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(SUPERVISOR_OPTIONS) options: SupervisorOptions,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    store: PipelineRepository,
    reviews: ApprovalRepository,
    taskEvents: TaskEventRepository,
    transitions: TaskTransitionRepository,
  ) {
    this.explainer = new ChangeExplainer({
      store,
      reviews,
      events: new TaskEventPublisher(bus, taskEvents, transitions),
      models: options.models,
    });
  }

  /** Starts answering and returns at once: the answer streams for as long as the model takes, and must not hold the bus message. */
  explain(command: ExplainChangeCommand): void {
    const run = this.explainer
      .explain(command)
      .catch((error: unknown) =>
        this.logger.error({
          msg: 'explanation failed',
          taskId: command.taskId,
          explanationId: command.explanationId,
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
