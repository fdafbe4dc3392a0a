import type { TestFailure, TestId } from '@patchbay/contracts';
import { failure, passedTest, stripAnsi, type ParsedTestRun } from './parsed-test-run';
import { readSummaryCounts, unnamedFailures } from './summary-counts.parser';

/** `test_mul (tests.test_calc.TestCalc.test_mul) ... ok` (Python ≥ 3.11; before: `(tests.test_calc.TestCalc)`). */
const RESULT_LINE = /^(\w+) \(([\w.]+)\)(?: \.\.\. (.*))?$/;
/** A docstring's first line is printed under the test, and the result after it. */
const CONTINUED_RESULT = /^.* \.\.\. (.*)$/;
/** `FAIL: test_mul (tests.test_calc.TestCalc.test_mul)`, optionally followed by a subTest's parameters. */
const PROBLEM_HEADER = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (\w+) \(([\w.]+)\)(.*)$/;
const RULE = /^(=+|-+)$/;
const FAILED_IMPORT = 'unittest.loader._FailedTest';

/**
 * Reads what `python -m unittest -v` prints: a line per test with its result, then a block per
 * failure or error with its traceback. Tests are named as pytest names them (`Class::method`,
 * with the module's file), so a repository that switches between the two keeps its test names.
 * Without `-v` only failures are named and passes counted. Null when the output is not unittest's.
 */
export function parseUnittestOutput(output: string): ParsedTestRun | null {
  const lines = stripAnsi(output).replace(/\r/g, '').split('\n');
  const passedTests: TestId[] = [];
  let skipped = 0;
  let sawResults = false;
  for (let index = 0; index < lines.length; index += 1) {
    const match = RESULT_LINE.exec(lines[index]);
    if (!match) continue;
    let status = match[3];
    if (status === undefined) {
      const next = CONTINUED_RESULT.exec(lines[index + 1] ?? '');
      if (!next) continue;
      status = next[1];
      index += 1;
    }
    sawResults = true;
    if (status === 'ok') {
      const { name, file } = identity(match[1], match[2]);
      passedTests.push(passedTest(name, file));
    } else if (status.startsWith('skipped') || status === 'expected failure') skipped += 1;
  }
  const failures = problems(lines);
  const counts = readSummaryCounts(output);
  const ran = counts && counts.summary.startsWith('Ran ') ? counts : null;
  if (!sawResults && failures.length === 0 && !ran) return null;
  if (sawResults)
    return {
      passed: passedTests.length,
      failed: failures.length,
      skipped,
      failures,
      passedTests,
      resultDetail: 'per_test',
    };
  // Without -v: failures are named by their blocks, passes only counted.
  const unnamed = Math.max(0, (ran?.failed ?? 0) - failures.length);
  return {
    passed: ran?.passed ?? 0,
    failed: failures.length + unnamed,
    skipped: ran?.skipped ?? 0,
    failures: [...failures, ...unnamedFailures(unnamed, ran?.summary ?? '', output)],
    resultDetail: 'counts',
  };
}

function problems(lines: readonly string[]): TestFailure[] {
  const failures: TestFailure[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const header = PROBLEM_HEADER.exec(lines[index]);
    if (!header || !RULE.test(lines[index - 1] ?? '')) continue;
    const body: string[] = [];
    let cursor = index + 1;
    if (RULE.test(lines[cursor] ?? '')) cursor += 1;
    for (; cursor < lines.length && !RULE.test(lines[cursor]); cursor += 1) body.push(lines[cursor]);
    const { name, file } = identity(header[2], header[3]);
    const subTest = header[4].trim();
    const kind = header[1] === 'UNEXPECTED SUCCESS' ? 'unexpected success' : header[1].toLowerCase();
    failures.push(failure(subTest ? `${name} ${subTest}` : name, file, `${kind}\n${body.join('\n').trim()}`.trim()));
    index = cursor - 1;
  }
  return failures;
}

/** `test_mul` in `tests.test_calc.TestCalc[.test_mul]` → `TestCalc::test_mul` in `tests/test_calc.py`. */
function identity(method: string, qualified: string): { name: string; file: string | undefined } {
  if (qualified.startsWith(FAILED_IMPORT)) {
    // A module that failed to import: `tests.test_broken (unittest.loader._FailedTest.tests.test_broken)`.
    const module = qualified.slice(FAILED_IMPORT.length + 1) || method;
    return { name: module, file: `${module.split('.').join('/')}.py` };
  }
  const segments = qualified.split('.');
  if (segments.at(-1) === method) segments.pop();
  const firstClass = segments.findIndex((segment) => /^[A-Z]/.test(segment));
  const moduleSegments = firstClass < 0 ? segments : segments.slice(0, firstClass);
  const classSegments = firstClass < 0 ? [] : segments.slice(firstClass);
  return {
    name: [...classSegments, method].join('::'),
    file: moduleSegments.length > 0 ? `${moduleSegments.join('/')}.py` : undefined,
  };
}
