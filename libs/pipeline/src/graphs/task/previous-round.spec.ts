import { judgeValidation, type TestFailure, type TestId, type ValidationResult } from '@patchbay/contracts';
import { PREVIOUS_ROUND_LIMITS, previousRound } from './previous-round';

const ESC = String.fromCharCode(27);
const failing = (name: string, file: string | undefined, message: string): TestFailure => ({
  name,
  ...(file ? { file } : {}),
  message,
});

function run(failures: TestFailure[], passedTests: TestId[], outputTail = ''): ValidationResult {
  return {
    tests: {
      framework: 'node:test',
      command: 'node --test-reporter=tap --test',
      exitCode: failures.length ? 1 : 0,
      passed: passedTests.length,
      failed: failures.length,
      skipped: 0,
      failures,
      passedTests,
      durationMs: 5,
      outputTail,
    },
    lint: null,
  };
}

const BASELINE = run([failing('greets by name', 'test/greet.test.js', 'was wrong')], [{ name: 'returns a string' }]);
const DIFF =
  "diff --git a/src/greet.js b/src/greet.js\n-exports.greet = (name) => 'Hello ' + name;\n+exports.greet = (name) => 'Hello, ' + name;\n";

describe('previousRound (what the coder is told after a validated round)', () => {
  it('lists the still-failing target test with its output without ANSI colours, the command and the current diff', () => {
    const latest = run(
      [
        failing(
          'greets by name',
          'test/greet.test.js',
          `${ESC}[31mExpected values to be strictly equal:${ESC}[39m\n\n'Hello, Ada' !== 'Hello, Ada!'`,
        ),
      ],
      [{ name: 'returns a string' }],
    );
    const verdict = judgeValidation(BASELINE, latest, {
      targetTests: [{ name: 'greets by name', file: 'test/greet.test.js' }],
      allowPreexistingFailures: true,
    });
    expect(previousRound(verdict, latest, DIFF)).toEqual({
      testCommand: 'node --test-reporter=tap --test',
      lintCommand: null,
      failingTests: [
        {
          name: 'greets by name',
          file: 'test/greet.test.js',
          reason: 'target_failing',
          output: "Expected values to be strictly equal:\n\n'Hello, Ada' !== 'Hello, Ada!'",
        },
      ],
      failingTestsOmitted: 0,
      diff: DIFF,
    });
  });

  it('lists a target test once even when it is also a new failure, then the other new failures', () => {
    const baseline = run([], [{ name: 'greets by name' }, { name: 'returns a string' }]);
    const latest = run(
      [failing('greets by name', undefined, 'now broken'), failing('returns a string', undefined, 'also broken')],
      [],
    );
    const verdict = judgeValidation(baseline, latest, {
      targetTests: [{ name: 'greets by name' }],
      allowPreexistingFailures: true,
    });
    expect(previousRound(verdict, latest, DIFF).failingTests.map((t) => [t.name, t.reason])).toEqual([
      ['greets by name', 'target_failing'],
      ['returns a string', 'new_failure'],
    ]);
  });

  it('explains a target test the run did not report, with the end of the run output', () => {
    const latest = run([], [{ name: 'greets by full name' }, { name: 'returns a string' }], '# tests 2\n# pass 2');
    const verdict = judgeValidation(BASELINE, latest, {
      targetTests: [{ name: 'greets by name' }],
      allowPreexistingFailures: true,
    });
    const [report] = previousRound(verdict, latest, DIFF).failingTests;
    expect(report).toMatchObject({ name: 'greets by name', reason: 'target_not_run' });
    expect(report?.output).toContain('The test run did not report this test (2 passed, 0 failed, 0 skipped)');
    expect(report?.output).toContain('# tests 2\n# pass 2');
  });

  it('lists base-commit failures only when the repository does not allow them to stay', () => {
    const baseline = run(
      [failing('parses dates', 'test/date.test.js', 'off by one'), failing('greets by name', undefined, 'x')],
      [],
    );
    const latest = run([failing('parses dates', 'test/date.test.js', 'off by one')], [{ name: 'greets by name' }]);
    const rules = { targetTests: [{ name: 'greets by name' }], allowPreexistingFailures: false };
    expect(
      previousRound(judgeValidation(baseline, latest, rules), latest, DIFF).failingTests.map((t) => [t.name, t.reason]),
    ).toEqual([['parses dates', 'preexisting_failure']]);
  });

  it('trims long output and a long diff from the middle, saying how much was cut, and caps the number of tests', () => {
    const long = `FIRST LINE\n${'x'.repeat(50_000)}\nLAST LINE`;
    const failures = Array.from({ length: PREVIOUS_ROUND_LIMITS.failingTests + 3 }, (_, i) =>
      failing(`test ${i}`, undefined, long),
    );
    const latest = run(failures, []);
    const verdict = judgeValidation(run([], []), latest, { targetTests: [], allowPreexistingFailures: true });
    const bigDiff = `diff --git a/a b/a\n${'+line\n'.repeat(20_000)}`;
    const previous = previousRound(verdict, latest, bigDiff);
    expect(previous.failingTests).toHaveLength(PREVIOUS_ROUND_LIMITS.failingTests);
    expect(previous.failingTestsOmitted).toBe(3);
    const output = previous.failingTests[0]?.output ?? '';
    expect(output.startsWith('FIRST LINE')).toBe(true);
    expect(output.endsWith('LAST LINE')).toBe(true);
    expect(output).toMatch(/\[\d+ characters cut from the middle\]/);
    expect(output.length).toBeLessThanOrEqual(PREVIOUS_ROUND_LIMITS.outputCharsPerTest);
    expect(previous.diff.length).toBeLessThanOrEqual(PREVIOUS_ROUND_LIMITS.diffChars);
    expect(previous.diff).toMatch(/^diff --git a\/a b\/a[\s\S]*\[\d+ characters cut from the middle\][\s\S]*\+line\n$/);
  });
});
