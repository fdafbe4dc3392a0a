import type { ApprovalRecordView, Plan, PlanVersionView, TaskReviewRecord } from '@patchbay/contracts';

/** The plan the Plan tab shows: the latest version (after an approval with edits, the edited plan), with who made and decided it. */
export interface ShownPlan {
  plan: Plan;
  /** Null when the record is not loaded yet and the plan comes from the `plan_ready` event. */
  version: number | null;
  /** `the planner`, or the login of the reviewer whose edits made this version. */
  author: string;
  /** The decision on this version, if any. */
  decision: ApprovalRecordView | null;
}

export function latestPlanVersion(record: TaskReviewRecord | undefined): PlanVersionView | null {
  return record?.plans.at(-1) ?? null;
}

export function planAuthor(version: Pick<PlanVersionView, 'editedBy'>): string {
  return version.editedBy ? version.editedBy.login : 'the planner';
}

/** The latest decision on a plan version (a rejection can be followed by nothing else; an approval ends the review). */
export function decisionOn(record: TaskReviewRecord | undefined, version: number): ApprovalRecordView | null {
  return (
    record?.approvals.filter((approval) => approval.subject === 'plan' && approval.planVersion === version).at(-1) ??
    null
  );
}

/**
 * What the Plan tab shows: the record's latest version when it has one (so an approved, edited plan
 * replaces the planner's original), otherwise the plan of the latest `plan_ready` event.
 */
export function shownPlan(record: TaskReviewRecord | undefined, fromEvents: Plan | null): ShownPlan | null {
  const latest = latestPlanVersion(record);
  if (latest) {
    return {
      plan: { summary: latest.summary, steps: latest.steps, targetTests: latest.targetTests },
      version: latest.version,
      author: planAuthor(latest),
      decision: decisionOn(record, latest.version),
    };
  }
  return fromEvents ? { plan: fromEvents, version: null, author: 'the planner', decision: null } : null;
}

/** Who decided, in words: a login, or the setting that approved automatically. */
export function deciderOf(approval: Pick<ApprovalRecordView, 'decidedBy'>): string {
  return approval.decidedBy ? approval.decidedBy.login : 'automatic approval';
}

/** One line for the plan's header: "Version 2 · edited by alice · approved by bob". */
export function describeShownPlan(shown: ShownPlan): string {
  if (shown.version === null) return 'Proposed by the planner';
  const parts = [
    `Version ${shown.version}`,
    shown.author === 'the planner' ? 'proposed by the planner' : `edited by ${shown.author}`,
  ];
  if (shown.decision) parts.push(`${shown.decision.decision} by ${deciderOf(shown.decision)}`);
  return parts.join(' · ');
}
