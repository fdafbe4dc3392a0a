import { createHash } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  MessagePatterns, planContentText, type ApprovalDecision, type ApprovalSubject, type PlanStep, type ResolveApprovalCommand, type TargetTest, type TaskView,
} from '@patchbay/contracts';
import { ApprovalRepository, RepositoryRepository, TaskRepository, type TaskEntity } from '@patchbay/persistence';
import type { EntityManager } from 'typeorm';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { QuotaService } from '../quotas/quota.service';
import { SeparateApproverRequiredException } from './separate-approver-required.exception';
import { TasksService } from './tasks.service';

export function planContentHash(summary: string, steps: PlanStep[], targetTests: TargetTest[] = []): string {
  return createHash('sha256').update(planContentText({ summary, steps, targetTests })).digest('hex');
}

/** A reviewer's edits to a plan; each part left out keeps what the planner proposed. */
export interface PlanEdits {
  steps?: PlanStep[];
  targetTests?: TargetTest[];
}

interface Decision {
  subject: ApprovalSubject;
  decision: ApprovalDecision;
  feedback?: string;
  editedSteps?: PlanStep[];
  editedTargetTests?: TargetTest[];
}

/**
 * Human decisions on plans and diffs. Each is recorded with who decided and the SHA-256 of the
 * exact content they saw, then relayed to the supervisor, which resumes the task's graph.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly tasksService: TasksService,
    private readonly tasks: TaskRepository,
    private readonly repositories: RepositoryRepository,
    private readonly approvals: ApprovalRepository,
    private readonly quotas: QuotaService,
    private readonly events: TaskEventsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  approvePlan(user: SessionUser, taskId: string, edits: PlanEdits = {}): Promise<TaskView> {
    return this.decide(user, taskId, { subject: 'plan', decision: 'approved', editedSteps: edits.steps, editedTargetTests: edits.targetTests });
  }

  rejectPlan(user: SessionUser, taskId: string, feedback: string): Promise<TaskView> {
    return this.decide(user, taskId, { subject: 'plan', decision: 'rejected', feedback });
  }

  approveDiff(user: SessionUser, taskId: string): Promise<TaskView> {
    return this.decide(user, taskId, { subject: 'diff', decision: 'approved' });
  }

  rejectDiff(user: SessionUser, taskId: string, feedback: string): Promise<TaskView> {
    return this.decide(user, taskId, { subject: 'diff', decision: 'rejected', feedback });
  }

  private async decide(user: SessionUser, taskId: string, decision: Decision): Promise<TaskView> {
    const command = await this.tasks.transaction(async (manager) => {
      const task = await this.tasksService.lock(manager, user, taskId);
      const awaited = decision.subject === 'plan' ? 'awaiting_plan_approval' : 'awaiting_diff_approval';
      if (task.status !== awaited) {
        throw new ConflictException(`This task is ${task.status}; there is no ${decision.subject} awaiting approval`);
      }
      if (decision.subject === 'diff' && decision.decision === 'approved') await this.assertSeparateApprover(task, user);
      const contentHash = await this.currentContentHash(manager, user, taskId, decision);
      // Approving a diff is what opens a pull request, so that is where the PR quota is spent.
      if (decision.subject === 'diff' && decision.decision === 'approved') {
        await this.quotas.consumePullRequest(manager, { organisationId: user.organisationId, userId: user.userId });
      }
      const approval = await this.approvals.insertApproval(manager, {
        taskId, subject: decision.subject, decision: decision.decision, contentHash, feedback: decision.feedback ?? null, decidedBy: user.userId,
      });
      const resolve: ResolveApprovalCommand = {
        taskId, approvalId: approval.id, subject: decision.subject, decision: decision.decision, contentHash,
        feedback: decision.feedback, editedSteps: decision.editedSteps, editedTargetTests: decision.editedTargetTests, decidedBy: user.userId,
      };
      return resolve;
    });
    await this.events.raise({
      taskId, type: 'checkpoint_reached', agent: 'gateway',
      payload: { approval: command.approvalId, subject: command.subject, decision: command.decision, by: user.login, contentHash: command.contentHash },
    });
    await this.bus.publish(MessagePatterns.ResolveApproval, command, { messageId: command.approvalId });
    return this.tasksService.get(user, taskId);
  }

  /**
   * The four-eyes rule covers approving the diff only: the diff is what becomes the pull request,
   * so a second person approving it reviews everything the plan led to. Rejecting stays open to
   * the author (it only sends the task back to coding), and so does the plan (docs/security.md).
   * The setting is read now, not when the task started, so turning it on covers waiting tasks.
   */
  private async assertSeparateApprover(task: TaskEntity, user: SessionUser): Promise<void> {
    if (task.createdBy !== user.userId) return;
    const repository = await this.repositories.findById(user.organisationId, task.repositoryId);
    if (repository?.requireSeparateApprover) throw SeparateApproverRequiredException.authorApprovingDiff();
  }

  /** The hash of what the human decided on; an edited plan is stored as a new version first. */
  private async currentContentHash(manager: EntityManager, user: SessionUser, taskId: string, decision: Decision): Promise<string> {
    if (decision.subject === 'diff') {
      const diff = await this.approvals.latestArtifact(taskId, 'diff', manager);
      if (!diff) throw new ConflictException('There is no diff to decide on yet');
      return diff.sha256;
    }
    const plan = await this.approvals.latestPlan(taskId, manager);
    if (!plan) throw new ConflictException('There is no plan to decide on yet');
    if (!decision.editedSteps && !decision.editedTargetTests) return plan.contentHash;
    const steps = decision.editedSteps ?? plan.steps;
    const targetTests = decision.editedTargetTests ?? plan.targetTests;
    const contentHash = planContentHash(plan.summary, steps, targetTests);
    await this.approvals.insertPlan(manager, {
      taskId, version: plan.version + 1, summary: plan.summary, steps, targetTests, contentHash, editedBy: user.userId,
    });
    return contentHash;
  }
}
