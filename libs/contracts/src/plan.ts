import { z } from 'zod';
import { canonicalJson } from './canonical-json';

export const planStepSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1, 'a plan step needs a title').max(500),
  detail: z.string().max(10_000).default(''),
  files: z.array(z.string().max(1_000)).max(200).default([]),
  note: z.string().max(5_000).optional(),
});
export type PlanStep = z.infer<typeof planStepSchema>;

/**
 * A test the task must make pass, named the way the testing agent names failures (`TestFailure`):
 * the runner's test name, and optionally the repository-relative file that holds it. Without a
 * file it matches that name in any file.
 */
export const targetTestSchema = z.object({
  name: z.string().trim().min(1, 'a target test needs a name').max(1_000),
  file: z.string().trim().min(1).max(1_000).optional(),
});
export type TargetTest = z.infer<typeof targetTestSchema>;

export const MAX_TARGET_TESTS = 100;

export const planSchema = z.object({
  summary: z.string().max(10_000),
  steps: z.array(planStepSchema).min(1, 'a plan needs at least one step').max(100),
  /** The tests the task is done only when they pass; empty when the task names none. */
  targetTests: z.array(targetTestSchema).max(MAX_TARGET_TESTS).default([]),
});
export type Plan = z.infer<typeof planSchema>;

/**
 * The canonical text a plan's content hash is taken over (gateway and supervisor must agree).
 * Target tests join it only when there are some, so a plan without them keeps the hash it had
 * before plans could name target tests, and approvals recorded then still match.
 */
export function planContentText(
  plan: Pick<Plan, 'summary' | 'steps'> & { targetTests?: readonly TargetTest[] },
): string {
  return canonicalJson({
    summary: plan.summary,
    steps: plan.steps,
    targetTests: plan.targetTests?.length ? plan.targetTests : undefined,
  });
}
