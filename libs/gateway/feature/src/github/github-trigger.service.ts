import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MAX_CLARIFICATION_ANSWER_LENGTH, MessagePatterns, type GithubCommentRequested } from '@patchbay/contracts';
import type { GithubAppClient, GithubInstallationApi, WorkTrigger } from '@patchbay/github';
import {
  GithubRepository,
  UserRepository,
  type GithubInstallationEntity,
  type RepositoryEntity,
} from '@patchbay/persistence';
import { AuditService } from '../audit/audit.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { QuotaExceededException } from '../quotas/quota-exceeded.exception';
import { ClarificationsService } from '../tasks/clarifications.service';
import { TasksService, type GithubLinkFields } from '../tasks/tasks.service';
import { GITHUB_APP } from './github-app.token';
import { GithubComments } from './github-comments';
import { GithubMirrorService } from './github-mirror.service';

/** The dashboard address of a task, for comments on GitHub. */
export function taskUrl(config: GatewayConfig, taskId: string): string {
  return config.PUBLIC_URL
    ? `${config.PUBLIC_URL.replace(/\/+$/, '')}/tasks/${taskId}`
    : `task ${taskId} in the Patchbay dashboard`;
}

/** How much of a labelled pull request's diff goes into the prompt. */
const MAX_DIFF_CONTEXT = 12_000;

interface FollowUp {
  pullRequestNumber: number;
  branch: string;
}

/**
 * Decides whether a GitHub trigger becomes a task, and starts it. In order: the installation and
 * repository are known, the label is the repository's trigger label, the sender may write to the
 * repository (asked of GitHub, never read from the payload), the repository is on the allow-list,
 * and the quota has room. Only then is anything created. Settings come from the repository; the
 * issue and comment text only ever becomes the prompt — or, when a task of the thread waits on
 * the planner's question, the answer to it (ADR 0026), under the same checks.
 */
@Injectable()
export class GithubTriggerService {
  private readonly logger = new Logger(GithubTriggerService.name);

  constructor(
    @Inject(GITHUB_APP) private readonly github: GithubAppClient | null,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly store: GithubRepository,
    private readonly users: UserRepository,
    private readonly tasks: TasksService,
    private readonly mirrors: GithubMirrorService,
    private readonly audit: AuditService,
    private readonly clarifications: ClarificationsService,
  ) {}

  /** Returns the delivery's outcome, as recorded in github_deliveries. */
  async handle(deliveryId: string, trigger: WorkTrigger): Promise<{ outcome: string; taskId?: string }> {
    if (!this.github) return { outcome: 'ignored: the GitHub App is not configured' };
    // A bus redelivery after the task was created (e.g. the comment could not be queued): done already.
    const earlier = await this.store.findLinkByDelivery(deliveryId);
    if (earlier) return { outcome: 'task_created', taskId: earlier.taskId };
    const installation = await this.store.findInstallation(trigger.installationId);
    if (!installation || installation.suspendedAt)
      return { outcome: `ignored: installation ${trigger.installationId} is unknown or suspended` };
    const repository = await this.store.findRepository(installation, trigger.repository);
    if (!repository) return { outcome: `ignored: ${trigger.repository} is not a repository of this installation` };
    let autoApprovePlan: boolean | undefined;
    if (trigger.via === 'label') {
      if (trigger.label === `${repository.triggerLabel}-auto`) autoApprovePlan = true;
      else if (trigger.label !== repository.triggerLabel)
        return { outcome: `ignored: label "${trigger.label ?? ''}" is not the trigger label` };
    }

    const api = await this.github.installation(trigger.installationId);
    if (!(await api.canTrigger(trigger.repository, trigger.sender.login))) {
      await this.comment(trigger, GithubComments.notPermitted(trigger.sender.login), null);
      return { outcome: `refused: ${trigger.sender.login} lacks write permission` };
    }
    if (!repository.allowed) {
      await this.comment(trigger, GithubComments.notAllowed(trigger.repository), null);
      return { outcome: 'refused: repository not on the allow-list' };
    }
    if (trigger.via === 'comment') {
      const waiting = await this.store.findTaskAwaitingClarification(
        trigger.installationId,
        trigger.repository,
        trigger.threadNumber,
      );
      if (waiting) return this.answerQuestion(deliveryId, trigger, repository, waiting.taskId);
    }

    let followUp: FollowUp | null = null;
    let prompt = trigger.prompt;
    let reviewCommentIds = trigger.reviewCommentIds;
    if (trigger.threadKind === 'pull_request' && trigger.via === 'label') {
      // A labelled pull request: its diff is the context the task works from.
      const diff = await api.pullRequestDiff(trigger.repository, trigger.threadNumber);
      prompt += `\n\nThe pull request's diff${diff.length > MAX_DIFF_CONTEXT ? ` (first ${MAX_DIFF_CONTEXT} characters)` : ''}:\n\`\`\`diff\n${diff.slice(0, MAX_DIFF_CONTEXT)}\n\`\`\``;
    }
    if (trigger.threadKind === 'pull_request' && trigger.via !== 'label') {
      const pullRequest = await this.store.findPatchbayPullRequest(repository.id, trigger.threadNumber);
      if (!pullRequest) {
        await this.comment(trigger, GithubComments.notPatchbayPullRequest(), null);
        return { outcome: 'ignored: not a Patchbay pull request' };
      }
      followUp = { pullRequestNumber: pullRequest.number, branch: pullRequest.headBranch };
      if (trigger.via === 'review' && trigger.reviewId) {
        const comments = await api.reviewComments(trigger.repository, trigger.threadNumber, trigger.reviewId);
        reviewCommentIds = comments.map((comment) => comment.id);
        if (comments.length > 0)
          prompt += `\n\nReview comments:\n${comments.map((c) => `- ${c.path}${c.line ? `:${c.line}` : ''}: ${c.body}`).join('\n')}`;
      }
    }
    return this.start(deliveryId, trigger, {
      installation,
      repository,
      api,
      followUp,
      prompt,
      reviewCommentIds,
      autoApprovePlan,
    });
  }

  /**
   * A `@patchbay <answer>` reply on the thread of a task that waits on the planner's question
   * answers it, as the commenter (who passed the same checks as any trigger). A bare mention is
   * not an answer: the thread is told how to answer, and no second task starts beside the waiting one.
   */
  private async answerQuestion(
    deliveryId: string,
    trigger: WorkTrigger,
    repository: RepositoryEntity,
    taskId: string,
  ): Promise<{ outcome: string; taskId?: string }> {
    const answer = (trigger.instruction ?? '').slice(0, MAX_CLARIFICATION_ANSWER_LENGTH).trim();
    const url = taskUrl(this.config, taskId);
    if (!answer) {
      await this.comment(trigger, GithubComments.answerMissing(url), taskId);
      return { outcome: 'ignored: a mention without an answer to the waiting question', taskId };
    }
    const user = await this.users.findOrCreateGithubUser(String(trigger.sender.id), trigger.sender.login);
    const session = {
      userId: user.id,
      login: user.login,
      organisationId: repository.organisationId,
      role: 'developer' as const,
    };
    try {
      await this.clarifications.answer(session, taskId, answer, 'github');
    } catch (error) {
      // Answered meanwhile (from the dashboard, or a redelivery of this comment): nothing left to do.
      if (error instanceof ConflictException) return { outcome: 'ignored: the question was already answered', taskId };
      throw error;
    }
    await this.audit.record({
      actorId: user.id,
      actorLogin: user.login,
      organisationId: repository.organisationId,
      action: 'github.task.clarification.answer',
      targetType: 'task',
      targetId: taskId,
      requestId: null,
      details: { deliveryId, repository: trigger.repository, thread: trigger.threadNumber },
    });
    await this.comment(trigger, GithubComments.answerReceived(url), taskId, trigger.comment);
    return { outcome: 'clarification_answered', taskId };
  }

  private async start(
    deliveryId: string,
    trigger: WorkTrigger,
    context: {
      installation: GithubInstallationEntity;
      repository: RepositoryEntity;
      api: GithubInstallationApi;
      followUp: FollowUp | null;
      prompt: string;
      reviewCommentIds: number[];
      autoApprovePlan: boolean | undefined;
    },
  ): Promise<{ outcome: string; taskId?: string }> {
    const { repository, followUp } = context;
    const user = await this.users.findOrCreateGithubUser(String(trigger.sender.id), trigger.sender.login);
    // The sandbox clones the mirror, so it must hold the commit the task starts from.
    await this.mirrors.refresh(repository, trigger.installationId);
    const link: GithubLinkFields = {
      installationId: String(trigger.installationId),
      repository: trigger.repository,
      threadNumber: trigger.threadNumber,
      threadKind: trigger.threadKind,
      triggerCommentId: trigger.comment ? String(trigger.comment.id) : null,
      followUpPullRequest: followUp?.pullRequestNumber ?? null,
      followUpBranch: followUp?.branch ?? null,
      reviewCommentIds: context.reviewCommentIds,
      triggeredByLogin: trigger.sender.login,
      triggeredByGithubId: String(trigger.sender.id),
      deliveryId,
    };
    const session = {
      userId: user.id,
      login: user.login,
      organisationId: repository.organisationId,
      role: 'developer' as const,
    };
    let taskId: string;
    try {
      const task = await this.tasks.createFromGithub(
        session,
        repository,
        {
          repository: repository.fullName,
          baseBranch: followUp?.branch,
          prompt: context.prompt.slice(0, 20_000),
          ...(context.autoApprovePlan ? { autoApprove: { plan: true } } : {}),
        },
        link,
      );
      taskId = task.id;
    } catch (error) {
      if (error instanceof QuotaExceededException) {
        const message = (error.getResponse() as { message: string }).message;
        await this.comment(trigger, GithubComments.quotaExceeded(message), null);
        return { outcome: 'refused: quota exceeded' };
      }
      throw error;
    }
    await this.audit.record({
      actorId: user.id,
      actorLogin: user.login,
      organisationId: repository.organisationId,
      action: 'github.task.triggered',
      targetType: 'task',
      targetId: taskId,
      requestId: null,
      details: {
        deliveryId,
        via: trigger.via,
        repository: trigger.repository,
        thread: trigger.threadNumber,
        followUp: followUp?.pullRequestNumber ?? null,
      },
    });
    await this.comment(
      trigger,
      GithubComments.queued(taskUrl(this.config, taskId), followUp !== null),
      taskId,
      trigger.comment,
    );
    this.logger.log({
      msg: 'GitHub trigger started a task',
      taskId,
      repository: trigger.repository,
      thread: trigger.threadNumber,
      via: trigger.via,
    });
    return { outcome: followUp ? 'follow_up_task_created' : 'task_created', taskId };
  }

  private async comment(
    trigger: WorkTrigger,
    body: string,
    taskId: string | null,
    reaction: WorkTrigger['comment'] = null,
  ): Promise<void> {
    const request: GithubCommentRequested = {
      installationId: trigger.installationId,
      repository: trigger.repository,
      threadNumber: trigger.threadNumber,
      body,
      taskId,
      reaction: reaction ? { commentId: reaction.id, kind: reaction.kind } : null,
    };
    await this.bus.publish(MessagePatterns.GithubCommentRequested, request);
  }
}
