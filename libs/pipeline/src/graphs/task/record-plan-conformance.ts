import type { PlanConformanceReport } from '@patchbay/contracts';
import type { PipelineRepository } from '@patchbay/persistence';
import type { TaskEventPublisher } from '../../task-event-publisher';
import { planConformance } from './plan-conformance';
import type { TaskGraphStateType } from './task-graph.state';

/** Only what recording reads and writes, so the full pipeline dependencies satisfy it. */
export interface PlanConformanceDependencies {
  store: Pick<PipelineRepository, 'approvedPlan' | 'savePlanConformance'>;
  events: Pick<TaskEventPublisher, 'raise'>;
}

/**
 * Reads the prepared diff against the approved plan, stores the report with the task and raises
 * it as a `plan_conformance` event (ADR 0031). The approved version comes from the review record,
 * so a reviewer's edits count; the graph's own plan stands in only when the record names none
 * (the graph carries the plan it was resumed with, which is the approved content).
 */
export async function recordPlanConformance(
  deps: PlanConformanceDependencies,
  taskId: string,
  state: Pick<TaskGraphStateType, 'plan' | 'planHash'>,
  diff: { text: string; sha256: string },
): Promise<PlanConformanceReport | null> {
  const approved = await deps.store.approvedPlan(taskId);
  const plan = approved ?? state.plan;
  if (!plan) return null;
  const report = planConformance({
    plan,
    planVersion: approved?.version ?? null,
    planContentHash: approved?.contentHash ?? state.planHash ?? '',
    diff: diff.text,
    diffSha256: diff.sha256,
  });
  await deps.store.savePlanConformance(taskId, report);
  await deps.events.raise(taskId, 'plan_conformance', report);
  return report;
}
