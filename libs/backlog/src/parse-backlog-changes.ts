import { backlogChangesSchema, type BacklogChanges } from '@patchbay/contracts';

/** Problems of a proposal that is not even of the patch's shape, each naming where (`operations.2.title: …`). */
export type ParsedBacklogChanges = { ok: true; changes: BacklogChanges } | { ok: false; problems: string[] };

/** Reads a model's `propose_patch` arguments against the schema; the problems are worded for the model to correct. */
export function parseBacklogChanges(args: unknown): ParsedBacklogChanges {
  const result = backlogChangesSchema.safeParse(args);
  if (result.success) return { ok: true, changes: result.data };
  return {
    ok: false,
    problems: result.error.issues
      .slice(0, 20)
      .map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`),
  };
}
