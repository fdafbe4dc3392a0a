import { z } from 'zod';

/**
 * Plan conformance (ADR 0031): the final diff read against the approved plan — which steps'
 * files changed, which steps changed nothing, and which changes no step (nor anything the plan
 * implies) covers. Computed by the supervisor when it prepares the diff, stored with the task,
 * shown at diff review and in the pull request.
 */

export const DIFF_FILE_CHANGE_KINDS = ['added', 'modified', 'deleted', 'renamed'] as const;
export type DiffFileChangeKind = (typeof DIFF_FILE_CHANGE_KINDS)[number];

/** Why a changed file no step names still counts as planned. */
export const PLAN_IMPLICATIONS = ['target_test', 'lockfile'] as const;
export type PlanImplication = (typeof PLAN_IMPLICATIONS)[number];

export const STEP_CONFORMANCE_STATUSES = ['changed', 'no_change', 'names_no_files'] as const;
export type StepConformanceStatus = (typeof STEP_CONFORMANCE_STATUSES)[number];

export const conformanceFileSchema = z.object({
  /** The repository-relative path after the change (the old path for a deleted file). */
  path: z.string(),
  /** The path before a rename. */
  previousPath: z.string().optional(),
  change: z.enum(DIFF_FILE_CHANGE_KINDS),
  /** The ids of the steps whose files cover this change; several when several steps name it. */
  stepIds: z.array(z.string()),
  /** Set when no step names the file but the plan implies it (a target test's file, a lockfile of a planned manifest). */
  impliedBy: z.object({ kind: z.enum(PLAN_IMPLICATIONS), source: z.string() }).optional(),
  /** True when no step names it and the plan implies nothing about it: a change outside the plan. */
  outOfPlan: z.boolean(),
});
export type ConformanceFile = z.infer<typeof conformanceFileSchema>;

export const stepConformanceSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The step's `files` entries as the plan gives them (paths, directories ending in `/`, globs). */
  plannedFiles: z.array(z.string()),
  /** The changed paths its entries cover, in diff order. */
  changedFiles: z.array(z.string()),
  /** `names_no_files`: the step lists no files, so the diff cannot say whether it was carried out. */
  status: z.enum(STEP_CONFORMANCE_STATUSES),
});
export type StepConformance = z.infer<typeof stepConformanceSchema>;

export const planConformanceReportSchema = z.object({
  /** The approved plan version the diff was read against; null when the record names none (older approvals). */
  planVersion: z.number().int().nullable(),
  planContentHash: z.string(),
  /** SHA-256 of the diff the report is about (the `diff_ready` diff). */
  diffSha256: z.string(),
  steps: z.array(stepConformanceSchema),
  files: z.array(conformanceFileSchema),
  /** The paths changed outside the plan, in diff order; approving such a diff needs their acknowledgement. */
  outOfPlan: z.array(z.string()),
});
export type PlanConformanceReport = z.infer<typeof planConformanceReportSchema>;

/** Who approved a diff with changes outside the plan, and which paths they acknowledged. */
export const outOfPlanAcknowledgementSchema = z.object({
  paths: z.array(z.string()),
  /** The login of the person who approved the diff. */
  by: z.string(),
});
export type OutOfPlanAcknowledgement = z.infer<typeof outOfPlanAcknowledgementSchema>;
