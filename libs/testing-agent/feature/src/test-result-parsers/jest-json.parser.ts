import type { TestFailure, TestId } from '@patchbay/contracts';
import { failure, isRecord, passedTest, toRepositoryPath, type ParsedTestRun } from './parsed-test-run';

/**
 * Reads the report of `jest --json` and of `vitest --reporter=json`, which writes the same shape.
 * A suite that fails before any test runs (syntax error, failing import) has no assertion
 * results, only a message; it is reported as one failure so it cannot hide.
 */
export function parseJestJsonReport(report: unknown): ParsedTestRun | null {
  if (!isRecord(report) || !Array.isArray(report.testResults)) return null;
  let passed = 0;
  let skipped = 0;
  const failures: TestFailure[] = [];
  const passedTests: TestId[] = [];
  for (const suite of report.testResults) {
    if (!isRecord(suite)) continue;
    const file = toRepositoryPath(stringOr(suite.name, ''));
    const assertions = Array.isArray(suite.assertionResults) ? suite.assertionResults.filter(isRecord) : [];
    let suiteFailures = 0;
    for (const assertion of assertions) {
      const status = stringOr(assertion.status, '');
      if (status === 'passed') {
        passed += 1;
        passedTests.push(passedTest(testName(assertion), file));
      } else if (status === 'failed') {
        suiteFailures += 1;
        failures.push(failure(testName(assertion), file, failureText(assertion)));
      } else skipped += 1; // pending, skipped, todo, disabled
    }
    const message = stringOr(suite.message, '') || stringOr(suite.failureMessage, '');
    if (stringOr(suite.status, '') === 'failed' && suiteFailures === 0) {
      failures.push(failure('Test suite failed to run', file, message || 'the test file failed without a message'));
    }
  }
  return { passed, failed: failures.length, skipped, failures, passedTests };
}

function testName(assertion: Record<string, unknown>): string {
  const fullName = stringOr(assertion.fullName, '');
  if (fullName) return fullName;
  const ancestors = Array.isArray(assertion.ancestorTitles)
    ? assertion.ancestorTitles.filter((t): t is string => typeof t === 'string')
    : [];
  return [...ancestors, stringOr(assertion.title, '(unnamed test)')].join(' ');
}

function failureText(assertion: Record<string, unknown>): string {
  const messages = Array.isArray(assertion.failureMessages)
    ? assertion.failureMessages.filter((m): m is string => typeof m === 'string')
    : [];
  return messages.map(withoutRunnerFrames).join('\n\n') || 'failed';
}

/** Frames inside the test runner or Node itself say nothing about the repository's code. */
export function withoutRunnerFrames(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => !/^\s+at .*(node_modules[\\/]|node:internal|<anonymous>)/.test(line))
    .join('\n');
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
