import type { TestFailure, TestRunSummary } from './messages/pipeline-commands';

type FailureList = Pick<TestRunSummary, 'failures'> | readonly TestFailure[];

/**
 * The failures of `after` that the baseline did not have, matched by name and file (messages
 * change from run to run, so they are not part of a failure's identity). Matching counts
 * occurrences: if the baseline failed once under a name and the run after the edit fails twice
 * under it, one failure is new. A test that failed before and still fails is not the edit's doing.
 */
export function newFailures(baseline: FailureList, after: FailureList): TestFailure[] {
  const remaining = new Map<string, number>();
  for (const failure of listOf(baseline))
    remaining.set(failureKey(failure), (remaining.get(failureKey(failure)) ?? 0) + 1);
  const fresh: TestFailure[] = [];
  for (const failure of listOf(after)) {
    const key = failureKey(failure);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    else fresh.push(failure);
  }
  return fresh;
}

/** Baseline failures that no longer fail: what an edit fixed along the way. */
export function fixedFailures(baseline: FailureList, after: FailureList): TestFailure[] {
  return newFailures(after, baseline);
}

export function failureKey(failure: Pick<TestFailure, 'name' | 'file'>): string {
  return `${failure.file ?? ''}\u0000${failure.name}`;
}

function listOf(list: FailureList): readonly TestFailure[] {
  return Array.isArray(list) ? list : (list as Pick<TestRunSummary, 'failures'>).failures;
}
