import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  type AttemptDiffSummary,
  BroadcastPatterns,
  commandOutputViewSchema,
  MessagePatterns,
  type CommandOutputView,
  type TaskCancelledNotice,
  type CreateTaskRequest,
  type ListTasksQuery,
  type StartTaskCommand,
  type ResumeTaskCommand,
  type ResumeTaskRequest,
  type TaskEvent,
  type TaskPage,
  type TaskStatus,
  type TaskUsageView,
  type TaskView,
} from '@patchbay/contracts';
import {
  ApprovalRepository,
  GithubRepository,
  PullRequestRepository,
  RepositoryRepository,
  TaskRepository,
  TaskTransitionRepository,
  UsageRepository,
  type ArtifactEntity,
  type RepositoryEntity,
  type TaskEntity,
  type TaskGithubLinkEntity,
} from '@patchbay/persistence';
import { injectTraceContext } from '@patchbay/observability';
import type { EntityManager } from 'typeorm';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { BudgetService } from '../budgets/budget.service';
import { QuotaService } from '../quotas/quota.service';
import { decodeTaskCursor, encodeTaskCursor } from './task-cursor';
import { SeparateApproverRequiredException } from './separate-approver-required.exception';
import { TaskNotFoundException } from './task-not-found.exception';
import { toTaskView } from './task-view';

/** What a GitHub-triggered task records about its origin (see TaskGithubLinkEntity). */
export type GithubLinkFields = Omit<TaskGithubLinkEntity, 'taskId' | 'createdAt' | 'task'>;

@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly transitions: TaskTransitionRepository,
    private readonly repositories: RepositoryRepository,
    private readonly approvals: ApprovalRepository,
    private readonly quotas: QuotaService,
    private readonly events: TaskEventsService,
    private readonly usageRecords: UsageRepository,
    private readonly github: GithubRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly budgets: BudgetService,
    private readonly pullRequests: PullRequestRepository,
  ) {}

  async create(user: SessionUser, request: CreateTaskRequest): Promise<TaskView> {
    const repository = await this.repositories.findByFullName(user.organisationId, request.repository);
    if (!repository)
      throw new BadRequestException(
        `repository: unknown repository "${request.repository}"; an admin must register it first`,
      );
    if (!repository.allowed)
      throw new ForbiddenException(`repository: "${request.repository}" is not on this organisation's allow-list`);
    const badPattern = request.constraints?.avoidFiles?.find((pattern) => pattern.split('/').includes('..'));
    if (badPattern)
      throw new BadRequestException(`constraints.avoidFiles: "${badPattern}" must not contain ".." segments`);
    if (request.budget) await this.budgets.assertWithinPolicy(user, request.budget);
    return this.insertAndStart(user, repository, request, null);
  }

  /**
   * A task a GitHub trigger asked for, linked to its thread. The caller has checked the sender's
   * permission and the allow-list; quotas apply here exactly as for the dashboard.
   */
  async createFromGithub(
    user: SessionUser,
    repository: RepositoryEntity,
    request: CreateTaskRequest,
    link: GithubLinkFields,
  ): Promise<TaskView> {
    return this.insertAndStart(user, repository, request, link);
  }

  private async insertAndStart(
    user: SessionUser,
    repository: RepositoryEntity,
    request: CreateTaskRequest,
    link: GithubLinkFields | null,
  ): Promise<TaskView> {
    // Asked for explicitly, automatic diff approval under the four-eyes rule is refused, not
    // quietly dropped, so the caller learns the task will wait for a second person.
    if (repository.requireSeparateApprover && request.autoApprove?.diff === true)
      throw SeparateApproverRequiredException.automaticDiffApproval();
    const { task, event } = await this.tasks.transaction(async (manager) => {
      await this.quotas.assertCandidatesAllowed(manager, user.organisationId, request.candidates ?? 1);
      await this.quotas.consumeTaskStart(manager, { organisationId: user.organisationId, userId: user.userId });
      const created = await this.tasks.insert(manager, {
        organisationId: user.organisationId,
        repositoryId: repository.id,
        createdBy: user.userId,
        baseBranch: request.baseBranch ?? repository.defaultBranch,
        prompt: request.prompt,
        constraints: request.constraints ?? {},
        priority: request.priority ?? 'normal',
        status: 'queued',
        autoApprovePlan: request.autoApprove?.plan ?? repository.autoApprovePlan,
        autoApproveDiff: repository.requireSeparateApprover
          ? false
          : (request.autoApprove?.diff ?? repository.autoApproveDiff),
        model: request.model ?? null,
        candidates: request.candidates ?? 1,
        budgetUsd: typeof request.budget?.usd === 'number' ? request.budget.usd.toFixed(6) : null,
        budgetTokens: typeof request.budget?.tokens === 'number' ? String(request.budget.tokens) : null,
        attempt: 1,
        source: link ? 'github' : 'dashboard',
        traceparent: injectTraceContext()['traceparent'] ?? null,
      });
      if (link) await this.github.insertLink(manager, { ...link, taskId: created.id });
      created.repository = repository;
      return {
        task: created,
        event: await this.transitions.recordInitialStatus(manager, created, 'gateway', user.login),
      };
    });
    this.events.broadcastRecorded(event);
    await this.publishStart(task);
    return toTaskView(task);
  }

  async get(user: SessionUser, id: string): Promise<TaskView> {
    const task = await this.require(user, id);
    return toTaskView(task, await this.pullRequests.findByTask(task.id));
  }

  async list(user: SessionUser, query: ListTasksQuery): Promise<TaskPage> {
    let repositoryId: string | undefined;
    if (query.repository) {
      const repository = await this.repositories.findByFullName(user.organisationId, query.repository);
      if (!repository) return { items: [], nextCursor: null };
      repositoryId = repository.id;
    }
    const rows = await this.tasks.list({
      organisationId: user.organisationId,
      status: query.status,
      repositoryId,
      createdBy: query.createdBy,
      search: query.search,
      createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
      createdBefore: query.createdBefore ? new Date(query.createdBefore) : undefined,
      limit: query.limit + 1,
      after: query.cursor ? decodeTaskCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const pullRequests = new Map(
      (await this.pullRequests.findByTasks(page.map((task) => task.id))).map((pr) => [pr.taskId, pr]),
    );
    return {
      items: page.map((task) => toTaskView(task, pullRequests.get(task.id) ?? null)),
      nextCursor: rows.length > query.limit && last ? encodeTaskCursor(last.createdAt, last.id) : null,
    };
  }

  async cancel(user: SessionUser, id: string): Promise<TaskView> {
    await this.changeStatus(user, id, 'cancelled');
    await this.bus.publish(MessagePatterns.CancelTask, { taskId: id, cancelledBy: user.userId });
    // Every agent instance hears this at once and aborts the task's model calls and sandbox execs (ADR 0018).
    const notice: TaskCancelledNotice = { taskId: id, cancelledBy: user.userId, at: new Date().toISOString() };
    await this.bus.broadcast(BroadcastPatterns.TaskCancelled, notice);
    // Read back with its repository: the locked row alone would answer with `repository: ""`.
    return this.get(user, id);
  }

  /** A paused task goes on: another set of rounds ("fix_it"), a new plan ("change_approach"), or on where it stopped ("resume"). */
  async resume(user: SessionUser, id: string, request: ResumeTaskRequest): Promise<TaskView> {
    const task = await this.tasks.transaction(async (manager) => this.lock(manager, user, id));
    if (task.status !== 'paused')
      throw new ConflictException(`Only paused tasks can be resumed; this one is ${task.status}`);
    await this.budgets.assertResumable(user, id);
    const command: ResumeTaskCommand = {
      taskId: id,
      action: request.action,
      note: request.note,
      resumedBy: user.userId,
    };
    await this.bus.publish(MessagePatterns.ResumeTask, command);
    return this.get(user, id);
  }

  /** A failed or cancelled task runs again from the start, as a new attempt that counts against quotas. */
  async retry(user: SessionUser, id: string): Promise<TaskView> {
    const { task, event } = await this.tasks.transaction(async (manager) => {
      const locked = await this.lock(manager, user, id);
      if (locked.status !== 'failed' && locked.status !== 'cancelled') {
        throw new ConflictException(`Only failed or cancelled tasks can be retried; this one is ${locked.status}`);
      }
      await this.quotas.consumeTaskStart(manager, { organisationId: user.organisationId, userId: user.userId });
      return this.transitions.transitionTask(
        { taskId: id, to: 'queued', agent: 'gateway', by: user.login, nextAttempt: true },
        manager,
      );
    });
    this.events.broadcastRecorded(event);
    await this.publishStart(task);
    return this.get(user, id);
  }

  async listEvents(user: SessionUser, id: string, after: number, limit: number): Promise<TaskEvent[]> {
    await this.require(user, id);
    return this.events.listAfter(id, after, limit);
  }

  async usage(user: SessionUser, id: string): Promise<TaskUsageView> {
    await this.require(user, id);
    return this.usageRecords.totalsForTask(id);
  }

  async artifact(user: SessionUser, id: string, kind: 'diff' | 'audio' | 'egress_report'): Promise<ArtifactEntity> {
    await this.require(user, id);
    const artifact = await this.approvals.latestArtifact(id, kind);
    if (!artifact) throw new NotFoundException(MISSING_ARTIFACT[kind]);
    return artifact;
  }

  /** The latest diff, or with an attempt number the change after that coding round. */
  diff(user: SessionUser, id: string, attempt: number | undefined): Promise<ArtifactEntity> {
    return attempt === undefined ? this.artifact(user, id, 'diff') : this.attemptDiff(user, id, attempt);
  }

  /** The diff after each coding round, oldest first: `attempt` is what `GET /tasks/:id/diff?attempt=` takes. */
  async attemptDiffs(user: SessionUser, id: string): Promise<AttemptDiffSummary[]> {
    await this.require(user, id);
    const rows = await this.approvals.attemptDiffs(id);
    return rows.map((row, index) => ({
      attempt: index + 1,
      round: row.round ?? 0,
      sha256: row.sha256,
      sizeBytes: row.sizeBytes,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  /** The diff of one attempt (see attemptDiffs); 404 naming how many the task has. */
  async attemptDiff(user: SessionUser, id: string, attempt: number): Promise<ArtifactEntity> {
    await this.require(user, id);
    const rows = await this.approvals.attemptDiffs(id);
    const row = rows[attempt - 1];
    if (!row)
      throw new NotFoundException(
        rows.length === 0
          ? 'This task has no attempt diffs yet'
          : `This task has no attempt ${attempt}; it has attempts 1 to ${rows.length}`,
      );
    const artifact = await this.approvals.findArtifact(id, row.id, 'attempt_diff');
    if (!artifact) throw new NotFoundException(`This task has no attempt ${attempt}`);
    return artifact;
  }

  /** A command's whole output, stored when its event could carry only the head and tail. */
  async commandOutput(user: SessionUser, id: string, artifactId: string): Promise<CommandOutputView> {
    await this.require(user, id);
    const artifact = await this.approvals.findArtifact(id, artifactId, 'log');
    if (!artifact) throw new NotFoundException('This task has no stored output with that id');
    return commandOutputViewSchema.parse(JSON.parse(artifact.content.toString('utf8')));
  }

  /** Moves a task of the user's organisation to a new status, recording the change as an event (TaskTransitionRepository). */
  async changeStatus(user: SessionUser, id: string, to: TaskStatus): Promise<TaskEntity> {
    const { task, event } = await this.tasks.transaction(async (manager) => {
      // Locked here too, so a task of another organisation is a 404 rather than moved.
      await this.lock(manager, user, id);
      return this.transitions.transitionTask({ taskId: id, to, agent: 'gateway', by: user.login }, manager);
    });
    this.events.broadcastRecorded(event);
    return task;
  }

  /** Runs work on the task of the user's organisation with its row locked; 404 for any other task. */
  transactionOnTask<T>(
    user: SessionUser,
    id: string,
    work: (task: TaskEntity, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.tasks.transaction(async (manager) => work(await this.lock(manager, user, id), manager));
  }

  async lock(manager: EntityManager, user: SessionUser, id: string): Promise<TaskEntity> {
    const task = await this.tasks.lockById(manager, user.organisationId, id);
    if (!task) throw new TaskNotFoundException(id);
    return task;
  }

  private async require(user: SessionUser, id: string): Promise<TaskEntity> {
    const task = await this.tasks.findById(user.organisationId, id);
    if (!task) throw new TaskNotFoundException(id);
    return task;
  }

  /**
   * The task is already committed as queued; if the bus refuses the start command the task stays
   * queued (visible, retryable) and the error event says why, rather than the request failing.
   */
  async publishStart(task: TaskEntity): Promise<void> {
    const command: StartTaskCommand = {
      taskId: task.id,
      organisationId: task.organisationId,
      idempotencyKey: `${task.id}:${task.attempt}`,
      attempt: task.attempt,
    };
    try {
      await this.bus.publish(MessagePatterns.StartTask, command, { messageId: command.idempotencyKey });
    } catch (error) {
      this.logger.error({
        msg: 'could not publish the start command',
        taskId: task.id,
        error: error instanceof Error ? error.message : String(error),
      });
      await this.events.raise({
        taskId: task.id,
        type: 'error',
        agent: 'gateway',
        payload: {
          category: 'bus_unavailable',
          message: 'The task is queued but could not be handed to the supervisor yet',
        },
      });
    }
  }
}

const MISSING_ARTIFACT = {
  diff: 'This task has no diff yet',
  audio: 'This task has no audio summary yet',
  egress_report: 'This task has no egress report yet: it is collected when the diff is prepared',
} as const;
