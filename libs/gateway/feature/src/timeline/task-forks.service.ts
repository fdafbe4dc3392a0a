import { ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { FORKABLE_PARENT_STATUSES, type CreateForkRequest, type TaskLineage, type TaskView } from '@patchbay/contracts';
import {
  ApprovalRepository,
  planContentHash,
  TaskCheckpointRepository,
  TaskRepository,
  TaskTransitionRepository,
  type TaskEntity,
} from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { QuotaService } from '../quotas/quota.service';
import { TaskNotFoundException } from '../tasks/task-not-found.exception';
import { toTaskView } from '../tasks/task-view';
import { TasksService } from '../tasks/tasks.service';
import { modelChoicesOf } from './model-choices';
import { TaskTimelineService } from './task-timeline.service';

/** New attempts forked from a task's checkpoints, and the links between them (ADR 0036). */
@Injectable()
export class TaskForksService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly transitions: TaskTransitionRepository,
    private readonly checkpoints: TaskCheckpointRepository,
    private readonly approvals: ApprovalRepository,
    private readonly timelines: TaskTimelineService,
    private readonly quotas: QuotaService,
    private readonly events: TaskEventsService,
    private readonly taskStarts: TasksService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Creates the fork as a new task (same repository, branch, prompt and constraints) linked to its
   * parent and checkpoint, stores an edited plan as the fork's first version (approved like any
   * plan), and starts it; the supervisor restores the checkpoint's state and workspace.
   */
  async fork(user: SessionUser, parentId: string, request: CreateForkRequest): Promise<TaskView> {
    const parent = await this.require(user, parentId);
    if (!FORKABLE_PARENT_STATUSES.includes(parent.status))
      throw new ConflictException(
        `Task ${parentId} is ${parent.status}; fork it once it has finished or waits for a person`,
      );
    const checkpoint = (await this.timelines.checkpointViews(parentId)).find(
      (view) => view.checkpointId === request.checkpointId,
    );
    if (!checkpoint) throw new NotFoundException(`Task ${parentId} has no checkpoint ${request.checkpointId}`);
    if (!checkpoint.forkable)
      throw new UnprocessableEntityException(
        `Checkpoint ${request.checkpointId} cannot be forked: ${checkpoint.notForkableBecause ?? 'not forkable'}`,
      );
    const choices = modelChoicesOf(this.config);
    if (request.model !== undefined && !choices.includes(request.model))
      throw new UnprocessableEntityException(
        choices.length === 0
          ? `model: "${request.model}" is not configured; this deployment names no models to choose from (MODEL_CHOICES)`
          : `model: "${request.model}" is not configured; choose one of ${choices.join(', ')}`,
      );

    const { task, event } = await this.tasks.transaction(async (manager) => {
      await this.quotas.consumeTaskStart(manager, { organisationId: user.organisationId, userId: user.userId });
      const created = await this.tasks.insert(manager, {
        organisationId: user.organisationId,
        repositoryId: parent.repositoryId,
        createdBy: user.userId,
        baseBranch: parent.baseBranch,
        prompt: parent.prompt,
        constraints: parent.constraints,
        priority: parent.priority,
        status: 'queued',
        autoApprovePlan: parent.autoApprovePlan,
        autoApproveDiff: parent.autoApproveDiff,
        model: request.model ?? parent.model,
        budgetUsd: parent.budgetUsd,
        budgetTokens: parent.budgetTokens,
        attempt: 1,
        source: 'dashboard',
        traceparent: null,
        parentTaskId: parent.id,
        forkedFromCheckpoint: checkpoint.checkpointId,
      });
      if (request.plan)
        await this.approvals.insertPlan(manager, {
          taskId: created.id,
          version: 1,
          summary: request.plan.summary,
          steps: request.plan.steps,
          targetTests: request.plan.targetTests,
          contentHash: planContentHash(request.plan),
          editedBy: user.userId,
        });
      created.repository = parent.repository;
      return {
        task: created,
        event: await this.transitions.recordInitialStatus(manager, created, 'gateway', user.login),
      };
    });
    this.events.broadcastRecorded(event);
    await this.taskStarts.publishStart(task);
    return toTaskView(task);
  }

  /** Where the task came from, what was forked from it, and the models a new fork may choose. */
  async lineage(user: SessionUser, id: string): Promise<TaskLineage> {
    const task = await this.require(user, id);
    const forks = await this.checkpoints.forksOf(task.id);
    const named = await this.checkpoints.findMany(
      [task.forkedFromCheckpoint, ...forks.map((fork) => fork.forkedFromCheckpoint)].filter(
        (checkpointId): checkpointId is string => checkpointId !== null,
      ),
    );
    const nodeOf = (taskId: string | null, checkpointId: string | null) =>
      named.find((row) => row.taskId === taskId && row.checkpointId === checkpointId) ?? null;
    const origin = nodeOf(task.parentTaskId, task.forkedFromCheckpoint);
    return {
      forkedFrom:
        task.parentTaskId && task.forkedFromCheckpoint
          ? {
              taskId: task.parentTaskId,
              checkpointId: task.forkedFromCheckpoint,
              node: origin?.node ?? null,
              round: origin?.round ?? null,
            }
          : null,
      forks: forks
        .filter((fork) => fork.organisationId === task.organisationId)
        .map((fork) => ({
          taskId: fork.id,
          status: fork.status,
          model: fork.model,
          checkpointId: fork.forkedFromCheckpoint ?? '',
          node: nodeOf(task.id, fork.forkedFromCheckpoint)?.node ?? null,
          createdAt: fork.createdAt.toISOString(),
        })),
      modelChoices: modelChoicesOf(this.config),
    };
  }

  private async require(user: SessionUser, id: string): Promise<TaskEntity> {
    const task = await this.tasks.findById(user.organisationId, id);
    if (!task) throw new TaskNotFoundException(id);
    return task;
  }
}
