import type { PipelineDependencies } from '../../pipeline-dependencies';

/** Inside the workspace, for the moment `git apply` needs it; removed right after. */
const PATCH_FILE = '.patchbay-candidate.patch';

/**
 * Makes the task's own sandbox hold exactly a candidate's change (ADR 0034): the workspace is put
 * back at the base commit (tracked and untracked files; installed packages, which are git-excluded,
 * stay), then the candidate's diff is applied. Running it twice gives the same workspace, so a
 * replayed step is harmless.
 */
export async function applyCandidateChange(
  deps: PipelineDependencies,
  sandboxId: string,
  baseCommit: string,
  diff: string,
  signal?: AbortSignal,
): Promise<void> {
  const reset = await deps.sandbox.exec(
    sandboxId,
    {
      command: 'git reset -q --hard "$BASE_COMMIT" && git clean -fdq',
      env: { BASE_COMMIT: baseCommit },
      timeoutMs: 60_000,
    },
    signal,
  );
  if (reset.exitCode !== 0)
    throw new Error(`could not reset the task's workspace to the base commit: ${reset.stderr.trim()}`);
  if (!diff.trim()) return;
  await deps.sandbox.writeFile(sandboxId, PATCH_FILE, diff.endsWith('\n') ? diff : `${diff}\n`);
  const applied = await deps.sandbox.exec(
    sandboxId,
    {
      command: `git apply --binary --whitespace=nowarn "${PATCH_FILE}"; status=$?; rm -f "${PATCH_FILE}"; exit $status`,
      timeoutMs: 60_000,
    },
    signal,
  );
  if (applied.exitCode !== 0) throw new Error(`could not apply the candidate's change: ${applied.stderr.trim()}`);
}

/** Lines added plus lines removed, from the sandbox's per-file counts (a binary file, counted null, adds none). */
export function changedLinesOf(files: ReadonlyArray<{ added: number | null; removed: number | null }>): number {
  return files.reduce((sum, file) => sum + (file.added ?? 0) + (file.removed ?? 0), 0);
}
