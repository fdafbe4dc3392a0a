import {
  UNNAMED_TEST_FAILURE,
  type CheckRun,
  type TestFailure,
  type TestId,
  type TestRunSummary,
  type ValidationResult,
} from './messages/pipeline-commands';
import { judgeValidation, SUITE_DID_NOT_RUN } from './validation-verdict';

const failing = (name: string, file?: string, message = 'failed'): TestFailure => ({
  name,
  ...(file ? { file } : {}),
  message,
});
const passing = (name: string, file?: string): TestId => ({ name, ...(file ? { file } : {}) });

function run(failures: TestFailure[], passed: TestId[], overrides: Partial<TestRunSummary> = {}): ValidationResult {
  return {
    tests: {
      framework: 'node:test',
      command: 'node --test',
      exitCode: failures.length > 0 ? 1 : 0,
      passed: passed.length,
      failed: failures.length,
      skipped: 0,
      failures,
      passedTests: passed,
      durationMs: 10,
      outputTail: '',
      ...overrides,
    },
    lint: null,
  };
}

const GREETS = { name: 'greets by name', file: 'test/greet.test.js' };
const baseline = run(
  [failing('greets by name', 'test/greet.test.js', "'Hello Ada' !== 'Hello, Ada!'")],
  [passing('returns a string', 'test/greet.test.js')],
);
const rules = { targetTests: [GREETS], allowPreexistingFailures: true };

describe('judgeValidation', () => {
  it('is not done while a target test still fails, and carries the failure for the coder', () => {
    const after = run(
      [failing('greets by name', 'test/greet.test.js', "'Hello, Ada' !== 'Hello, Ada!'")],
      [passing('returns a string', 'test/greet.test.js')],
    );
    const verdict = judgeValidation(baseline, after, rules);
    expect(verdict.done).toBe(false);
    expect(verdict.newFailures).toEqual([]);
    expect(verdict.targets).toEqual([
      {
        test: GREETS,
        before: 'failed',
        after: 'failed',
        failure: failing('greets by name', 'test/greet.test.js', "'Hello, Ada' !== 'Hello, Ada!'"),
      },
    ]);
    // The still-failing target is the task's own business, never a "pre-existing failure that may stay".
    expect(verdict.preexistingFailures).toEqual([]);
  });

  it('is not done when a target test is missing from the run (renamed, deleted or not run)', () => {
    const after = run(
      [],
      [passing('greets by full name', 'test/greet.test.js'), passing('returns a string', 'test/greet.test.js')],
    );
    const verdict = judgeValidation(baseline, after, rules);
    expect(verdict.done).toBe(false);
    expect(verdict.targets.map((t) => [t.before, t.after])).toEqual([['failed', 'not_run']]);
  });

  it('cannot confirm a target test when the runner reported no per-test results', () => {
    const after = run([], [], { passed: 2, passedTests: undefined });
    expect(judgeValidation(baseline, after, rules)).toMatchObject({ done: false, targets: [{ after: 'not_run' }] });
  });

  it('is not done when a test that passed on the base commit fails now, even with every target passing', () => {
    const after = run(
      [failing('returns a string', 'test/greet.test.js')],
      [passing('greets by name', 'test/greet.test.js')],
    );
    const verdict = judgeValidation(baseline, after, rules);
    expect(verdict.done).toBe(false);
    expect(verdict.newFailures.map((f) => f.name)).toEqual(['returns a string']);
    expect(verdict.targets[0]?.after).toBe('passed');
  });

  it('is done when every target passes and nothing new fails', () => {
    const after = run(
      [],
      [passing('greets by name', 'test/greet.test.js'), passing('returns a string', 'test/greet.test.js')],
    );
    expect(judgeValidation(baseline, after, rules)).toEqual({
      done: true,
      newFailures: [],
      targets: [{ test: GREETS, before: 'failed', after: 'passed' }],
      preexistingFailures: [],
      preexistingFailuresBlock: false,
    });
  });

  it('matches a target named without a file in any file, and one with a file only in that file', () => {
    const after = run([], [passing('greets by name', 'test/other.test.js')]);
    expect(
      judgeValidation(baseline, after, { ...rules, targetTests: [{ name: 'greets by name' }] }).targets[0]?.after,
    ).toBe('passed');
    expect(judgeValidation(baseline, after, rules).targets[0]?.after).toBe('not_run');
  });

  describe('pre-existing failures (other than the target tests)', () => {
    const withOther = run(
      [failing('greets by name', 'test/greet.test.js'), failing('parses dates', 'test/date.test.js')],
      [passing('returns a string', 'test/greet.test.js')],
    );
    const fixedTargetOnly = run(
      [failing('parses dates', 'test/date.test.js')],
      [passing('greets by name', 'test/greet.test.js'), passing('returns a string', 'test/greet.test.js')],
    );

    it('may stay when the repository allows them, and are listed', () => {
      const verdict = judgeValidation(withOther, fixedTargetOnly, rules);
      expect(verdict.done).toBe(true);
      expect(verdict.preexistingFailures.map((f) => f.name)).toEqual(['parses dates']);
      expect(verdict.preexistingFailuresBlock).toBe(false);
    });

    it('keep the change from being done when the repository does not allow them', () => {
      const verdict = judgeValidation(withOther, fixedTargetOnly, { ...rules, allowPreexistingFailures: false });
      expect(verdict.done).toBe(false);
      expect(verdict.preexistingFailuresBlock).toBe(true);
      expect(verdict.preexistingFailures.map((f) => f.name)).toEqual(['parses dates']);
    });

    it('do not block once fixed too, whatever the setting', () => {
      const allFixed = run(
        [],
        [passing('greets by name', 'test/greet.test.js'), passing('parses dates', 'test/date.test.js')],
      );
      expect(judgeValidation(withOther, allFixed, { ...rules, allowPreexistingFailures: false }).done).toBe(true);
    });
  });

  it('without target tests, judges only new failures (the rule before plans named targets)', () => {
    const after = run(
      [failing('greets by name', 'test/greet.test.js')],
      [passing('returns a string', 'test/greet.test.js')],
    );
    expect(judgeValidation(baseline, after, { targetTests: [], allowPreexistingFailures: true }).done).toBe(true);
  });

  it('counts a suite that no longer runs at all as a new failure', () => {
    const after = run([], [], { exitCode: 1, passed: 0, failed: 0, outputTail: 'SyntaxError: Unexpected token' });
    const verdict = judgeValidation(baseline, after, { targetTests: [], allowPreexistingFailures: true });
    expect(verdict.done).toBe(false);
    expect(verdict.newFailures).toEqual([
      { name: SUITE_DID_NOT_RUN, message: 'the test command exited with 1: SyntaxError: Unexpected token' },
    ]);
  });

  it('counts new lint failures but never takes a lint finding for a target test', () => {
    const adds = { name: 'says goodbye' };
    const after: ValidationResult = {
      ...run([], [passing('greets by name', 'test/greet.test.js'), passing('returns a string', 'test/greet.test.js')]),
      lint: {
        framework: 'eslint',
        command: 'eslint .',
        exitCode: 1,
        passed: 0,
        failed: 1,
        skipped: 0,
        failures: [failing('says goodbye', 'src/greet.js')],
        durationMs: 1,
        outputTail: '',
      },
    };
    const verdict = judgeValidation(baseline, after, { ...rules, targetTests: [GREETS, adds] });
    expect(verdict.targets.map((t) => [t.test.name, t.before, t.after])).toEqual([
      ['greets by name', 'failed', 'passed'],
      ['says goodbye', 'not_run', 'not_run'],
    ]);
    expect(verdict.newFailures.map((f) => f.name)).toEqual(['says goodbye']);
    expect(verdict.done).toBe(false);
  });
});

describe('judgeValidation with checks and counts', () => {
  const check = (name: string, status: CheckRun['status'], failures: TestFailure[] = []): CheckRun => ({
    kind: 'script',
    name,
    command: name,
    status,
    exitCode: status === 'passed' ? 0 : 1,
    failures,
    durationMs: 1,
    outputTail: '',
  });
  const withChecks = (result: ValidationResult, checks: CheckRun[]): ValidationResult => ({ ...result, checks });

  it('counts a check of the test script that starts failing as a new failure, and one that already failed as not new', () => {
    const tsc = failing('check: tsc', undefined, 'exited with code 2');
    const before = withChecks(run([], [passing('adds')]), [check('tsc', 'passed')]);
    expect(
      judgeValidation(before, withChecks(run([], [passing('adds')]), [check('tsc', 'failed', [tsc])]), {
        targetTests: [],
        allowPreexistingFailures: true,
      }).newFailures,
    ).toEqual([tsc]);
    const alreadyFailing = withChecks(run([], [passing('adds')]), [check('tsc', 'failed', [tsc])]);
    expect(
      judgeValidation(alreadyFailing, alreadyFailing, { targetTests: [], allowPreexistingFailures: true }),
    ).toMatchObject({ done: true, newFailures: [] });
  });

  it('compares runs that could only be counted by count: one more unnamed failure is one new failure', () => {
    const unnamed = (count: number) => Array.from({ length: count }, () => failing(UNNAMED_TEST_FAILURE));
    const before = run(unnamed(1), [], { passed: 13, passedTests: undefined, resultDetail: 'counts' });
    expect(
      judgeValidation(before, run(unnamed(2), [], { passed: 12, passedTests: undefined, resultDetail: 'counts' }), {
        targetTests: [],
        allowPreexistingFailures: true,
      }).newFailures,
    ).toHaveLength(1);
    expect(
      judgeValidation(before, run([], [], { passed: 14, passedTests: undefined, resultDetail: 'counts' }), {
        targetTests: [],
        allowPreexistingFailures: true,
      }).done,
    ).toBe(true);
  });
  describe('with a runner that names failures but only counts passes (uvu)', () => {
    const countsOnly = (failures: TestFailure[], passed: number) =>
      run(failures, [], { passed, passedTests: undefined, resultDetail: 'counts' });
    const before = countsOnly([failing('greets by name', 'test/greet.test.js')], 1);

    it('takes a target that failed by name and no longer fails as passed, on the evidence of the counts', () => {
      const verdict = judgeValidation(before, countsOnly([], 2), rules);
      expect(verdict).toMatchObject({
        done: true,
        targets: [{ before: 'failed', after: 'passed', evidence: 'counts' }],
      });
    });

    it('does not when fewer tests ran than on the base commit (the target may have been deleted or filtered out)', () => {
      expect(judgeValidation(before, countsOnly([], 1), rules)).toMatchObject({
        done: false,
        targets: [{ after: 'not_run' }],
      });
    });

    it('does not when the target still fails', () => {
      expect(
        judgeValidation(before, countsOnly([failing('greets by name', 'test/greet.test.js')], 1), rules),
      ).toMatchObject({ done: false, targets: [{ after: 'failed' }] });
    });
  });
});
