import { newFailures } from './baseline-comparison';
import type { TestFailure, TestId, TestRunSummary, ValidationResult } from './messages/pipeline-commands';
import type { TargetTest } from './plan';

export const TARGET_TEST_STATUSES = ['passed', 'failed', 'not_run'] as const;
/** `not_run`: the run reported the test neither passing nor failing (renamed, deleted, filtered out, not written yet). */
export type TargetTestStatus = (typeof TARGET_TEST_STATUSES)[number];

export interface TargetTestOutcome {
  test: TargetTest;
  /** On the base commit. */
  before: TargetTestStatus;
  /** After the latest round of edits. */
  after: TargetTestStatus;
  /** What the runner reported for the test after the edits, when it failed. */
  failure?: TestFailure;
  /**
   * `counts`: the runner names failures but only counts passes (uvu), so `passed` was inferred: the
   * test failed by name on the base commit, is not failing now, and no test went missing.
   */
  evidence?: 'counts';
}

export interface ValidationRules {
  /** The approved plan's target tests. */
  targetTests: readonly TargetTest[];
  /** The repository's setting: whether failures the base commit already had may stay. */
  allowPreexistingFailures: boolean;
}

/** Whether a change is done, and every fact the decision rests on (for the coder, the pause report and the PR). */
export interface ValidationVerdict {
  done: boolean;
  /** Failures (tests and linters) that the base commit did not have. */
  newFailures: TestFailure[];
  targets: TargetTestOutcome[];
  /** Failures the base commit had too and that still fail, target tests aside. */
  preexistingFailures: TestFailure[];
  /** True when the pre-existing failures alone keep the change from being done (the repository does not allow them). */
  preexistingFailuresBlock: boolean;
}

/** The name of the failure that stands for a suite that stopped running at all after the edit. */
export const SUITE_DID_NOT_RUN = 'test suite';

/**
 * The one rule for "done": nothing that passed on the base commit fails now, every target test
 * passes in this run (one the run did not report counts as not passing), and — when the
 * repository does not allow it — no failure of the base commit is left either.
 */
export function judgeValidation(
  baseline: ValidationResult | null,
  after: ValidationResult,
  rules: ValidationRules,
): ValidationVerdict {
  const afterFailures = [...after.tests.failures, ...checkFailures(after)];
  const fresh = newFailures(
    [...(baseline?.tests.failures ?? []), ...(baseline ? checkFailures(baseline) : [])],
    afterFailures,
  );
  // A fixed baseline failure is progress, not a regression; a suite that no longer runs at all
  // (no results, non-zero exit) is a regression even without named failures.
  if (fresh.length === 0 && after.tests.exitCode !== 0 && after.tests.passed + after.tests.failed === 0) {
    fresh.push({
      name: SUITE_DID_NOT_RUN,
      message: `the test command exited with ${after.tests.exitCode}: ${after.tests.outputTail.slice(-500)}`,
    });
  }
  const targets = rules.targetTests.map((test): TargetTestOutcome => {
    const now = statusIn(after.tests, test);
    const before = baseline ? statusIn(baseline.tests, test).status : 'not_run';
    if (now.status === 'not_run' && before === 'failed' && baseline && passIsCountedOnly(baseline.tests, after.tests)) {
      return { test, before, after: 'passed', evidence: 'counts' };
    }
    return { test, before, after: now.status, ...(now.failure ? { failure: now.failure } : {}) };
  });
  const freshSet = new Set(fresh);
  const testFailures = new Set(after.tests.failures);
  // Lint findings never stand for a target test, even when a rule happens to share its name.
  const preexisting = afterFailures.filter(
    (failure) =>
      !freshSet.has(failure) &&
      !(testFailures.has(failure) && rules.targetTests.some((test) => isTarget(test, failure))),
  );
  const preexistingFailuresBlock = !rules.allowPreexistingFailures && preexisting.length > 0;
  return {
    done: fresh.length === 0 && targets.every((target) => target.after === 'passed') && !preexistingFailuresBlock,
    newFailures: fresh,
    targets,
    preexistingFailures: preexisting,
    preexistingFailuresBlock,
  };
}

/**
 * Whether a test the runner reported is the target: the same name, and the same file when both
 * name one (a target without a file matches the name in any file). Names must match exactly:
 * a near match could pass the task on a different test.
 */
export function isTarget(target: TargetTest, test: TestId): boolean {
  return test.name === target.name && (!target.file || !test.file || test.file === target.file);
}

/** Lint problems (from `lint`) and the failures of the test script's other steps; an unavailable check has none. */
function checkFailures(result: ValidationResult): TestFailure[] {
  return [
    ...(result.lint?.failures ?? []),
    ...(result.checks ?? []).filter((check) => check.kind === 'script').flatMap((check) => check.failures),
  ];
}

/**
 * Whether a target that failed by name on the base commit and is no longer failing can be taken as
 * passing although the runner cannot name passes: both runs are counts-only, and the run has at
 * least as many tests as the base commit, so the target was not dropped, renamed or filtered out.
 */
function passIsCountedOnly(baseline: TestRunSummary, after: TestRunSummary): boolean {
  const countsOnly = (run: TestRunSummary) => run.resultDetail === 'counts' && run.passedTests === undefined;
  return countsOnly(baseline) && countsOnly(after) && after.passed + after.failed >= baseline.passed + baseline.failed;
}

function statusIn(run: TestRunSummary, test: TargetTest): { status: TargetTestStatus; failure?: TestFailure } {
  // A failure wins over a pass under the same name elsewhere: "done" needs the test to pass everywhere it ran.
  const failure = run.failures.find((candidate) => isTarget(test, candidate));
  if (failure) return { status: 'failed', failure };
  return { status: run.passedTests?.some((candidate) => isTarget(test, candidate)) ? 'passed' : 'not_run' };
}
