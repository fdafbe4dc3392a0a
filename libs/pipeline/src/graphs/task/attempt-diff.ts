import { createHash } from 'node:crypto';
import { scanDiff } from '@patchbay/secret-scan';
import type { PipelineDependencies } from '../../pipeline-dependencies';

/**
 * Stores the change as it stands after a coding round (against the base commit), so a reviewer
 * can compare attempts in the Diff tab. A round that changed nothing stores nothing; neither does
 * one whose change looks like it holds a secret — the diff node quarantines such a change before
 * it is presented, and its text must not be kept here either.
 */
export async function storeAttemptDiff(
  deps: PipelineDependencies,
  taskId: string,
  sandboxId: string,
  round: number,
  signal?: AbortSignal,
): Promise<void> {
  const { diff } = await deps.sandbox.diff(sandboxId, signal);
  if (!diff.trim()) return;
  if ((await scanDiff(diff)).length > 0) return;
  const bytes = Buffer.from(diff, 'utf8');
  await deps.store.saveAttemptDiff(taskId, round, bytes, createHash('sha256').update(bytes).digest('hex'));
}
