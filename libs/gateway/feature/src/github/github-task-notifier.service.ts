import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MessagePatterns, type GithubCommentRequested, type TaskEvent, type TaskStatus } from '@patchbay/contracts';
import { ApprovalRepository, GithubRepository, PullRequestRepository } from '@patchbay/persistence';
import { TaskEventsService } from '../events/task-events.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { GithubComments } from './github-comments';
import { taskUrl } from './github-trigger.service';

/**
 * Keeps a GitHub thread informed about the task it started: the planner's questions, the plan when it waits for approval,
 * the pull request (or follow-up commit) when published, a pause, or a failure report; the spoken
 * summary goes on the pull request itself (the thread when there is none). It subscribes to the
 * task event stream, so whoever raises an event needs no knowledge of GitHub. Comments go to the
 * github agent over the bus; a task event never waits for GitHub, and a comment that cannot be
 * queued is logged, never a reason to redeliver the event.
 */
@Injectable()
export class GithubTaskNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(GithubTaskNotifier.name);
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly events: TaskEventsService,
    private readonly store: GithubRepository,
    private readonly plans: ApprovalRepository,
    private readonly pullRequests: PullRequestRepository,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribeAll((event) => {
      this.onEvent(event).catch((error: unknown) => {
        this.logger.error({
          msg: 'could not prepare a GitHub comment',
          taskId: event.taskId,
          type: event.type,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Comments on the task's GitHub thread when the event is one a thread hears about. */
  async onEvent(event: TaskEvent): Promise<void> {
    // A warning (a skipped configuration file, a spoken summary that could not be made) is not a failure to report.
    const failure = event.type === 'error' && event.agent === 'supervisor' && event.payload.severity !== 'warning';
    const interesting =
      event.type === 'pr_created' ||
      event.type === 'status_changed' ||
      event.type === 'audio_ready' ||
      event.type === 'clarification_requested' ||
      failure;
    if (!interesting) return;
    const link = await this.store.findLink(event.taskId);
    if (!link) return;
    const body = await this.commentFor(event);
    if (!body) return;
    const threadNumber =
      event.type === 'audio_ready'
        ? ((await this.pullRequests.findByTask(event.taskId))?.number ?? link.threadNumber)
        : link.threadNumber;
    const request: GithubCommentRequested = {
      installationId: Number(link.installationId),
      repository: link.repository,
      threadNumber,
      body,
      taskId: event.taskId,
    };
    try {
      await this.bus.publish(MessagePatterns.GithubCommentRequested, request);
    } catch (error) {
      this.logger.error({
        msg: 'could not queue a GitHub comment',
        taskId: event.taskId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async commentFor(event: TaskEvent): Promise<string | null> {
    const url = taskUrl(this.config, event.taskId);
    switch (event.type) {
      case 'pr_created': {
        const plan = await this.plans.latestPlan(event.taskId);
        const { url: pullRequestUrl, number, followUp, headSha } = event.payload;
        return GithubComments.published(pullRequestUrl, number, followUp === true, headSha, plan?.summary ?? null);
      }
      case 'audio_ready':
        return GithubComments.spokenSummary(event.payload.text, event.payload.durationSeconds, url);
      case 'error':
        return GithubComments.failed(event.payload.category, event.payload.message, url);
      case 'status_changed':
        return this.statusComment(event.taskId, event.payload.to, url);
      case 'clarification_requested':
        return GithubComments.question(
          event.payload.question,
          event.payload.options ?? [],
          event.payload.questionNumber,
          url,
        );
      default:
        return null;
    }
  }

  private async statusComment(taskId: string, to: TaskStatus, url: string): Promise<string | null> {
    if (to === 'paused') return GithubComments.paused(url);
    if (to !== 'awaiting_plan_approval') return null;
    const plan = await this.plans.latestPlan(taskId);
    return plan
      ? GithubComments.planReady({ summary: plan.summary, steps: plan.steps, targetTests: plan.targetTests }, url)
      : null;
  }
}
