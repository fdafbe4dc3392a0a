import { planSchema, type Plan } from '@patchbay/contracts';

export type ForkPlanDraft = { ok: true; plan: Plan | undefined } | { ok: false; problem: string };

/**
 * The plan a person typed for a fork, as JSON: left empty it means "keep the checkpoint's plan";
 * otherwise it must be a plan the server would accept, and the problem is named before sending.
 */
export function readForkPlanDraft(text: string): ForkPlanDraft {
  if (text.trim() === '') return { ok: true, plan: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `The plan is not valid JSON: ${(error as Error).message}` };
  }
  const result = planSchema.safeParse(parsed);
  if (!result.success)
    return {
      ok: false,
      problem: result.error.issues.map((issue) => `${issue.path.join('.') || 'plan'}: ${issue.message}`).join('; '),
    };
  return { ok: true, plan: result.data };
}

/** A checkpoint named the way a person reads it. */
export function describeCheckpointStage(node: string | null, round: number | null): string {
  if (node === null) return 'the start';
  return round && round > 0 ? `${node} (round ${round})` : node;
}
