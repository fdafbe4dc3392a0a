import { z } from 'zod';
import type { PlanConformanceReport } from '../plan-conformance';

export const MAX_ACKNOWLEDGED_PATHS = 1_000;

/**
 * `POST /tasks/:id/diff/approve`. When the diff changes files outside the approved plan, the
 * approval must name each of them in `acknowledgeOutOfPlan` (ADR 0031); otherwise the body may be empty.
 */
export const approveDiffRequestSchema = z.strictObject({
  acknowledgeOutOfPlan: z
    .array(z.string().trim().min(1, 'an acknowledged path must not be empty').max(1_000))
    .max(MAX_ACKNOWLEDGED_PATHS, `at most ${MAX_ACKNOWLEDGED_PATHS} acknowledged paths`)
    .optional(),
});
export type ApproveDiffRequest = z.infer<typeof approveDiffRequestSchema>;

/** `GET /tasks/:id/diff/conformance`: the report on the diff under review, with the acknowledgement once it was approved. */
export interface PlanConformanceView {
  report: PlanConformanceReport;
  /** Set once the diff was approved with changes outside the plan: who acknowledged which paths. */
  acknowledgement: { paths: string[]; by: string; at: string } | null;
}
