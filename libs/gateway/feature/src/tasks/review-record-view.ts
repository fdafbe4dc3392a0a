import type { ActorRef, ApprovalRecordView, PlanVersionView, TaskReviewRecord } from '@patchbay/contracts';
import type { ApprovalEntity, PlanEntity } from '@patchbay/persistence';

function actor(id: string | null, logins: ReadonlyMap<string, string>): ActorRef | null {
  if (id === null) return null;
  // A user row is never deleted while an approval refers to it (RESTRICT), so a missing login is a plan editor removed since.
  return { id, login: logins.get(id) ?? 'a former member' };
}

export function toPlanVersionView(plan: PlanEntity, logins: ReadonlyMap<string, string>): PlanVersionView {
  return {
    version: plan.version,
    summary: plan.summary,
    steps: plan.steps,
    targetTests: plan.targetTests,
    contentHash: plan.contentHash,
    editedBy: actor(plan.editedBy, logins),
    createdAt: plan.createdAt.toISOString(),
  };
}

export function toApprovalRecordView(
  approval: ApprovalEntity,
  logins: ReadonlyMap<string, string>,
): ApprovalRecordView {
  return {
    id: approval.id,
    subject: approval.subject,
    decision: approval.decision,
    planVersion: approval.planVersion,
    contentHash: approval.contentHash,
    feedback: approval.feedback,
    comments: approval.comments ?? [],
    acknowledgedOutOfPlan: approval.acknowledgedOutOfPlan ?? [],
    decidedBy: actor(approval.decidedBy, logins),
    decidedAt: approval.decidedAt.toISOString(),
  };
}

export function toTaskReviewRecord(
  plans: readonly PlanEntity[],
  approvals: readonly ApprovalEntity[],
  logins: ReadonlyMap<string, string>,
): TaskReviewRecord {
  return {
    plans: plans.map((plan) => toPlanVersionView(plan, logins)),
    approvals: approvals.map((approval) => toApprovalRecordView(approval, logins)),
  };
}
