import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  errorPayloadSchema,
  MessagePatterns,
  summariseRequiredChecks,
  type RequiredCheckResult,
  type RequiredChecksView,
  type ResumeTaskCommand,
} from '@patchbay/contracts';
import {
  RepositoryRepository,
  RequiredCheckRepository,
  TaskEventRepository,
  TaskRepository,
  type TaskEntity,
} from '@patchbay/persistence';
import type { EntityManager } from 'typeorm';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { SeparateApproverRequiredException } from './separate-approver-required.exception';
import { TasksService } from './tasks.service';

/** The statuses in which a failed required check stands between the change and its pull request. */
const WAIVABLE_STATUSES = new Set(['paused', 'awaiting_diff_approval']);

/**
 * Required checks as people act on them (docs/pipeline.md, "Required checks"; ADR 0030): reading a
 * task's latest results, waiving a failed one with a reason, and the rule the diff approval keeps
 * — no approval while a required check of the diff under review has neither passed nor been waived.
 */
@Injectable()
export class RequiredChecksService {
  constructor(
    private readonly tasksService: TasksService,
    private readonly tasks: TaskRepository,
    private readonly repositories: RepositoryRepository,
    private readonly requiredChecks: RequiredCheckRepository,
    private readonly taskEvents: TaskEventRepository,
    private readonly events: TaskEventsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async list(user: SessionUser, taskId: string): Promise<RequiredChecksView> {
    const task = await this.tasks.transaction((manager) => this.tasksService.lock(manager, user, taskId));
    return view(await this.requiredChecks.latestForAttempt(taskId, task.attempt));
  }

  /**
   * Records the waiver as a `check_waived` event (the request itself is audited by the route) on
   * the locked task row, so two waivers of one check cannot both land. When the task waits at its
   * required checks and this was the last failing one, the supervisor is told to go on.
   */
  async waive(user: SessionUser, taskId: string, name: string, reason: string): Promise<RequiredChecksView> {
    const recorded = await this.tasks.transaction(async (manager) => {
      const task = await this.tasksService.lock(manager, user, taskId);
      if (!WAIVABLE_STATUSES.has(task.status))
        throw new ConflictException(
          `This task is ${task.status}; a required check can be waived only while the task waits on it (paused at its required checks, or awaiting diff approval)`,
        );
      await this.assertNotTheAuthorUnderFourEyes(task, user);
      const checks = await this.requiredChecks.latestForAttempt(taskId, task.attempt, manager);
      const check = checks.find((candidate) => candidate.name === name);
      if (!check)
        throw new NotFoundException(
          checks.length === 0
            ? `This task has no required check results to waive`
            : `This task has no required check named "${name}" (its checks: ${checks.map((c) => c.name).join(', ')})`,
        );
      if (check.status === 'passed')
        throw new ConflictException(`The required check "${name}" passed; there is nothing to waive`);
      if (check.waiver)
        throw new ConflictException(`The required check "${name}" was already waived by ${check.waiver.by}`);
      const event = await this.taskEvents.append(
        {
          taskId,
          type: 'check_waived',
          agent: 'gateway',
          payload: { runId: check.runId, name, reason, waivedBy: user.login },
        },
        manager,
      );
      const after = await this.requiredChecks.latestForAttempt(taskId, task.attempt, manager);
      const waitingAtChecks = task.status === 'paused' && (await this.pausedAtRequiredChecks(taskId, manager));
      return { event, after, resume: waitingAtChecks && summariseRequiredChecks(after).settled };
    });
    this.events.broadcastRecorded(recorded.event);
    if (recorded.resume) {
      const command: ResumeTaskCommand = {
        taskId,
        action: 'resume',
        note: 'every failing required check was waived',
        resumedBy: user.userId,
      };
      await this.bus.publish(MessagePatterns.ResumeTask, command, {
        messageId: `${taskId}:checks-waived:${recorded.event.id}`,
      });
    }
    return view(recorded.after);
  }

  /**
   * The gateway's half of the rule (the graph keeps the other): a diff whose latest required
   * checks include a failed, unwaived one is not approved. Runs inside the approval's transaction.
   */
  async assertSettledForDiffApproval(manager: EntityManager, task: TaskEntity): Promise<void> {
    const { blocking } = summariseRequiredChecks(
      await this.requiredChecks.latestForAttempt(task.id, task.attempt, manager),
    );
    if (blocking.length === 0) return;
    throw new ConflictException(
      `Required check(s) failed on this diff and are not waived: ${blocking.map((check) => `"${check.name}" (${check.command})`).join(', ')}; waive each with a reason (POST /api/v1/tasks/${task.id}/checks/<name>/waive) or request changes`,
    );
  }

  /** Only the required-checks gate names `failedChecks` on its pause; another pause (failing tests, a dependency) is not resumed by a waiver. */
  private async pausedAtRequiredChecks(taskId: string, manager: EntityManager): Promise<boolean> {
    const error = errorPayloadSchema.safeParse((await this.taskEvents.latestOfType(taskId, 'error', manager))?.payload);
    return error.success && (error.data.failedChecks?.length ?? 0) > 0;
  }

  /** Waiving a check lets a change through as much as approving it does, so the four-eyes rule covers it too. */
  private async assertNotTheAuthorUnderFourEyes(task: TaskEntity, user: SessionUser): Promise<void> {
    if (task.createdBy !== user.userId) return;
    const repository = await this.repositories.findById(user.organisationId, task.repositoryId);
    if (repository?.requireSeparateApprover) throw SeparateApproverRequiredException.authorWaivingCheck();
  }
}

function view(checks: RequiredCheckResult[]): RequiredChecksView {
  return { checks, settled: summariseRequiredChecks(checks).settled };
}
