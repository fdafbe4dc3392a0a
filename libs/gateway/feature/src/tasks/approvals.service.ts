import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  MessagePatterns,
  type ApprovalDecision,
  type ApprovalSubject,
  type ApproveDiffRequest,
  type PlanStep,
  type ResolveApprovalCommand,
  type ReviewComment,
  type TargetTest,
  type TaskReviewRecord,
  type TaskView,
} from '@patchbay/contracts';
import {
  ApprovalRepository,
  planContentHash,
  PlanConformanceRepository,
  RepositoryRepository,
  TaskRepository,
  type PlanEntity,
  type TaskEntity,
} from '@patchbay/persistence';
import type { EntityManager } from 'typeorm';
import type { SessionUser } from '../common/session-user';
import { TaskEventsService } from '../events/task-events.service';
import { QuotaService } from '../quotas/quota.service';
import { acknowledgedOutOfPlan } from './out-of-plan-acknowledgement';
import { PlanVersionConflictException } from './plan-version-conflict.exception';
import { RequiredChecksService } from './required-checks.service';
import { toTaskReviewRecord } from './review-record-view';
import { SeparateApproverRequiredException } from './separate-approver-required.exception';
import { TasksService } from './tasks.service';

/** A reviewer's edits to a plan; each part left out keeps what the planner proposed. */
export interface PlanEdits {
  steps?: PlanStep[];
  targetTests?: TargetTest[];
  /** The plan version the reviewer opened; a newer one refuses the decision (ADR 0017). */
  baseVersion?: number;
}

/** What a reviewer says with a rejection or a request for changes. */
export interface ReviewFeedback {
  feedback: string;
  /** Inline comments on the diff (diff only: a plan rejection with comments is a 400). */
  comments?: ReviewComment[];
  /** The plan version the reviewer opened (plan only: a diff review with one is a 400). */
  baseVersion?: number;
}

interface Decision {
  subject: ApprovalSubject;
  decision: ApprovalDecision;
  feedback?: string;
  editedSteps?: PlanStep[];
  editedTargetTests?: TargetTest[];
  comments?: ReviewComment[];
  baseVersion?: number;
  /** A diff approval's acknowledgement of the changes outside the plan (ADR 0031). */
  acknowledgeOutOfPlan?: string[];
}

/** The content decided on: its hash, and for a plan the version (a reviewer's edits make a new one). */
interface DecidedContent {
  contentHash: string;
  planVersion: number | null;
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
    private readonly conformance: PlanConformanceRepository,
    private readonly quotas: QuotaService,
    private readonly events: TaskEventsService,
    private readonly requiredChecks: RequiredChecksService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  approvePlan(user: SessionUser, taskId: string, edits: PlanEdits = {}): Promise<TaskView> {
    return this.decide(user, taskId, {
      subject: 'plan',
      decision: 'approved',
      editedSteps: edits.steps,
      editedTargetTests: edits.targetTests,
      baseVersion: edits.baseVersion,
    });
  }

  rejectPlan(user: SessionUser, taskId: string, review: ReviewFeedback): Promise<TaskView> {
    if (review.comments)
      throw new BadRequestException(
        'comments: inline comments belong to a diff review; a plan rejection takes feedback only',
      );
    return this.decide(user, taskId, {
      subject: 'plan',
      decision: 'rejected',
      feedback: review.feedback,
      baseVersion: review.baseVersion,
    });
  }

  approveDiff(user: SessionUser, taskId: string, request: ApproveDiffRequest = {}): Promise<TaskView> {
    return this.decide(user, taskId, {
      subject: 'diff',
      decision: 'approved',
      acknowledgeOutOfPlan: request.acknowledgeOutOfPlan,
    });
  }

  rejectDiff(user: SessionUser, taskId: string, review: ReviewFeedback): Promise<TaskView> {
    if (review.baseVersion !== undefined)
      throw new BadRequestException('baseVersion: a plan version belongs to a plan decision, not a diff review');
    return this.decide(user, taskId, {
      subject: 'diff',
      decision: 'rejected',
      feedback: review.feedback,
      comments: review.comments,
    });
  }

  /** Every plan version (who edited it) and every decision (who, on which version, with what feedback and comments). */
  async reviewRecord(user: SessionUser, taskId: string): Promise<TaskReviewRecord> {
    // Reading the task first applies the same organisation check (404) as every other task route.
    await this.tasksService.get(user, taskId);
    const [plans, approvals] = await Promise.all([
      this.approvals.listPlans(taskId),
      this.approvals.listApprovals(taskId),
    ]);
    const people = [...plans.map((plan) => plan.editedBy), ...approvals.map((approval) => approval.decidedBy)].filter(
      (id): id is string => id !== null,
    );
    return toTaskReviewRecord(plans, approvals, await this.approvals.loginsOf(people));
  }

  private async decide(user: SessionUser, taskId: string, decision: Decision): Promise<TaskView> {
    const decided = await this.tasks.transaction(async (manager) => {
      const task = await this.tasksService.lock(manager, user, taskId);
      const awaited = decision.subject === 'plan' ? 'awaiting_plan_approval' : 'awaiting_diff_approval';
      // The task row is locked, so two reviewers' decisions on one plan are serialised and the second sees the first's version.
      if (decision.subject === 'plan') await this.assertPlanUnchanged(manager, task, decision.baseVersion);
      if (task.status !== awaited) {
        throw new ConflictException(`This task is ${task.status}; there is no ${decision.subject} awaiting approval`);
      }
      if (decision.subject === 'diff' && decision.decision === 'approved') {
        await this.assertSeparateApprover(task, user);
        await this.requiredChecks.assertSettledForDiffApproval(manager, task);
      }
      const { contentHash, planVersion } = await this.currentContent(manager, user, taskId, decision);
      // A change outside the approved plan is approved only with each file named (ADR 0031).
      const acknowledged =
        decision.subject === 'diff' && decision.decision === 'approved'
          ? acknowledgedOutOfPlan(
              await this.conformance.forDiff(taskId, contentHash, manager),
              decision.acknowledgeOutOfPlan,
            )
          : [];
      // Approving a diff is what opens a pull request, so that is where the PR quota is spent.
      if (decision.subject === 'diff' && decision.decision === 'approved') {
        await this.quotas.consumePullRequest(manager, { organisationId: user.organisationId, userId: user.userId });
      }
      const approval = await this.approvals.insertApproval(manager, {
        taskId,
        subject: decision.subject,
        decision: decision.decision,
        contentHash,
        feedback: decision.feedback ?? null,
        decidedBy: user.userId,
        planVersion,
        comments: decision.comments ?? [],
        acknowledgedOutOfPlan: acknowledged,
      });
      const resolve: ResolveApprovalCommand = {
        taskId,
        approvalId: approval.id,
        subject: decision.subject,
        decision: decision.decision,
        contentHash,
        feedback: decision.feedback,
        editedSteps: decision.editedSteps,
        editedTargetTests: decision.editedTargetTests,
        decidedBy: user.userId,
        ...(acknowledged.length > 0 ? { outOfPlanAcknowledgement: { paths: acknowledged, by: user.login } } : {}),
      };
      return { resolve, planVersion, acknowledged };
    });
    const { resolve: command, planVersion, acknowledged } = decided;
    // The feedback and inline comments ride on the timeline's event, so they stay visible after the action (ADR 0017).
    await this.events.raise({
      taskId,
      type: 'checkpoint_reached',
      agent: 'gateway',
      payload: {
        approval: command.approvalId,
        subject: command.subject,
        decision: command.decision,
        by: user.login,
        contentHash: command.contentHash,
        ...(planVersion === null ? {} : { planVersion }),
        ...(command.feedback ? { feedback: command.feedback } : {}),
        ...(decision.comments?.length ? { comments: decision.comments } : {}),
        ...(acknowledged.length > 0 ? { acknowledgedOutOfPlan: acknowledged } : {}),
      },
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

  /**
   * Optimistic concurrency on the plan version (ADR 0017): a decision made on a version that is no
   * longer the latest — another reviewer's edits were approved, the task re-planned — is refused
   * with the newer version and who made it. A plan already decided on while the reviewer looked
   * is named too, instead of the bare "no plan awaiting approval".
   */
  private async assertPlanUnchanged(
    manager: EntityManager,
    task: TaskEntity,
    baseVersion: number | undefined,
  ): Promise<void> {
    const plan = await this.approvals.latestPlan(task.id, manager);
    if (!plan) return;
    if (baseVersion !== undefined && plan.version !== baseVersion) {
      throw PlanVersionConflictException.changedSince(baseVersion, {
        version: plan.version,
        by: await this.authorOf(manager, plan),
      });
    }
    if (task.status === 'awaiting_plan_approval') return;
    const decisions = await this.approvals.listApprovals(task.id, manager);
    const last = decisions.filter((approval) => approval.subject === 'plan').at(-1);
    if (!last) return;
    const by =
      last.decidedBy === null
        ? 'an automatic approval'
        : ((await this.approvals.loginsOf([last.decidedBy], manager)).get(last.decidedBy) ?? 'another reviewer');
    throw PlanVersionConflictException.alreadyDecided(last.decision, last.planVersion, by, task.status);
  }

  private async authorOf(manager: EntityManager, plan: PlanEntity): Promise<string> {
    if (plan.editedBy === null) return 'the planner';
    return (await this.approvals.loginsOf([plan.editedBy], manager)).get(plan.editedBy) ?? 'another reviewer';
  }

  /** What the human decided on; an edited plan is stored as a new version first. */
  private async currentContent(
    manager: EntityManager,
    user: SessionUser,
    taskId: string,
    decision: Decision,
  ): Promise<DecidedContent> {
    if (decision.subject === 'diff') {
      const diff = await this.approvals.latestArtifact(taskId, 'diff', manager);
      if (!diff) throw new ConflictException('There is no diff to decide on yet');
      return { contentHash: diff.sha256, planVersion: null };
    }
    const plan = await this.approvals.latestPlan(taskId, manager);
    if (!plan) throw new ConflictException('There is no plan to decide on yet');
    if (!decision.editedSteps && !decision.editedTargetTests)
      return { contentHash: plan.contentHash, planVersion: plan.version };
    const steps = decision.editedSteps ?? plan.steps;
    const targetTests = decision.editedTargetTests ?? plan.targetTests;
    const contentHash = planContentHash({ summary: plan.summary, steps, targetTests });
    const edited = await this.approvals.insertPlan(manager, {
      taskId,
      version: plan.version + 1,
      summary: plan.summary,
      steps,
      targetTests,
      contentHash,
      editedBy: user.userId,
    });
    return { contentHash, planVersion: edited.version };
  }
}
