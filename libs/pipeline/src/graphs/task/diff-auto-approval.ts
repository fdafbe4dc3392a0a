import type { PlanConformanceReport } from '@patchbay/contracts';
import type { RepositoryEntity } from '@patchbay/persistence';
import type { TaskEventPublisher } from '../../task-event-publisher';
import type { TaskBrief } from './task-graph.state';

export const FOUR_EYES_HOLDS_DIFF_MESSAGE =
  'Automatic diff approval is off for this task: the repository requires a second person to approve the diff, so it waits for a reviewer';

/** Why a diff the task asked to approve automatically waits for a reviewer after all. */
export function outOfPlanHoldsDiffMessage(outOfPlan: readonly string[]): string {
  return `Automatic diff approval is held back: the change touches ${outOfPlan.length === 1 ? 'a file' : `${outOfPlan.length} files`} outside the approved plan (${outOfPlan.join(', ')}), which a reviewer must acknowledge`;
}

/** Only what the check reads, so the full pipeline dependencies satisfy it and tests can fake it. */
export interface DiffAutoApprovalDependencies {
  store: {
    loadTask(taskId: string): Promise<{ repository: Pick<RepositoryEntity, 'requireSeparateApprover'> } | null>;
  };
  events: Pick<TaskEventPublisher, 'raise'>;
}

/**
 * Whether the diff may be approved without a human. The task asked for it when it started; the
 * repository's four-eyes rule is read now, because it may have been turned on while the task ran,
 * and an auto-approval under it would mean nobody approved the change. When the rule holds
 * auto-approval back, the task's log says so, or the wait for a reviewer would look like a fault.
 */
export async function mayAutoApproveDiff(
  deps: DiffAutoApprovalDependencies,
  brief: TaskBrief,
  planConformance: PlanConformanceReport | null = null,
): Promise<boolean> {
  if (!brief.autoApproveDiff) return false;
  // A change outside the plan needs a person's acknowledgement (ADR 0031); a setting cannot give it.
  if (planConformance && planConformance.outOfPlan.length > 0) {
    await deps.events.raise(brief.taskId, 'agent_thought', {
      message: outOfPlanHoldsDiffMessage(planConformance.outOfPlan),
      reason: 'out_of_plan',
    });
    return false;
  }
  const loaded = await deps.store.loadTask(brief.taskId);
  // A task that is gone cannot be published; entering the approval stage reports it as cancelled.
  if (!loaded) return false;
  if (!loaded.repository.requireSeparateApprover) return true;
  await deps.events.raise(brief.taskId, 'agent_thought', {
    message: FOUR_EYES_HOLDS_DIFF_MESSAGE,
    reason: 'require_separate_approver',
  });
  return false;
}
