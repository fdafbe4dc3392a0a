import {
  isTarget,
  stripAnsi,
  trimMiddle,
  type FailingTestReport,
  type PreviousRound,
  type TestFailure,
  type ValidationResult,
  type ValidationVerdict,
} from '@patchbay/contracts';
import { unmetTargets } from './verdict-report';

/**
 * Bounds on what the coder is shown of the last run, so the assignment stays inside a model's
 * context window: about 12k tokens of test output and 5k of diff at most.
 */
export const PREVIOUS_ROUND_LIMITS = {
  failingTests: 12,
  outputChars: 48_000,
  outputCharsPerTest: 4_000,
  diffChars: 20_000,
} as const;

/**
 * What the coder needs to continue from a validated round: the exact tests that keep the change
 * from being done (target tests first, then new failures, then base-commit failures the
 * repository does not allow), each with the runner's output; the commands that ran; and the
 * workspace's current diff.
 */
export function previousRound(verdict: ValidationVerdict, latest: ValidationResult, diff: string): PreviousRound {
  const failing = failingTests(verdict, latest);
  const shown = failing.slice(0, PREVIOUS_ROUND_LIMITS.failingTests);
  const perTest = Math.min(
    PREVIOUS_ROUND_LIMITS.outputCharsPerTest,
    Math.floor(PREVIOUS_ROUND_LIMITS.outputChars / Math.max(1, shown.length)),
  );
  return {
    testCommand: latest.tests.command,
    lintCommand: latest.lint?.command ?? null,
    failingTests: shown.map((test) => ({ ...test, output: trimMiddle(stripAnsi(test.output).trim(), perTest) })),
    failingTestsOmitted: failing.length - shown.length,
    diff: trimMiddle(diff, PREVIOUS_ROUND_LIMITS.diffChars),
  };
}

function failingTests(verdict: ValidationVerdict, latest: ValidationResult): FailingTestReport[] {
  const targets = unmetTargets(verdict).map((target): FailingTestReport => ({
    name: target.test.name,
    ...(target.test.file ? { file: target.test.file } : {}),
    reason: target.after === 'failed' ? 'target_failing' : 'target_not_run',
    output: target.failure?.message ?? notRunOutput(latest),
  }));
  // A target that passed on the base commit and fails now is both; it is listed once, as a target.
  const fresh = verdict.newFailures.filter(
    (failure) => !verdict.targets.some((target) => isTarget(target.test, failure)),
  );
  const preexisting = verdict.preexistingFailuresBlock ? verdict.preexistingFailures : [];
  return [
    ...targets,
    ...fresh.map((failure) => report(failure, 'new_failure')),
    ...preexisting.map((failure) => report(failure, 'preexisting_failure')),
  ];
}

function report(failure: TestFailure, reason: FailingTestReport['reason']): FailingTestReport {
  return { name: failure.name, ...(failure.file ? { file: failure.file } : {}), reason, output: failure.message };
}

/** A test the run did not report has no output of its own; the end of the run's output shows what did run. */
function notRunOutput(latest: ValidationResult): string {
  const { passed, failed, skipped } = latest.tests;
  return `The test run did not report this test (${passed} passed, ${failed} failed, ${skipped} skipped): it may have been renamed, deleted, or not picked up by the test command.\nEnd of the runner's output:\n${latest.tests.outputTail}`;
}
