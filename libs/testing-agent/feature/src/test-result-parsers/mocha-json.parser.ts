import type { TestFailure } from '@patchbay/contracts';
import { failure, isRecord, passedTest, toRepositoryPath, type ParsedTestRun } from './parsed-test-run';

/**
 * Reads the output of mocha's built-in `json` reporter (`stats`, `tests`, `passes`, `pending`,
 * `failures`). Hook failures ("before all" hook …) appear only in `failures`, so the failure count
 * comes from that list rather than from `tests`.
 */
export function parseMochaJsonReport(report: unknown): ParsedTestRun | null {
  if (!isRecord(report) || !isRecord(report.stats) || !Array.isArray(report.failures)) return null;
  const passedTests = (Array.isArray(report.passes) ? report.passes.filter(isRecord) : []).map((test) =>
    passedTest(testName(test), testFile(test)),
  );
  const pending = Array.isArray(report.pending) ? report.pending.length : 0;
  const failures: TestFailure[] = report.failures.filter(isRecord).map((test) => {
    const err = isRecord(test.err) ? test.err : {};
    const message =
      typeof err.message === 'string' && err.message
        ? err.message
        : typeof err.stack === 'string'
          ? err.stack
          : 'failed';
    return failure(testName(test), testFile(test), message);
  });
  return { passed: passedTests.length, failed: failures.length, skipped: pending, failures, passedTests };
}

function testName(test: Record<string, unknown>): string {
  return typeof test.fullTitle === 'string' && test.fullTitle ? test.fullTitle : String(test.title ?? '(unnamed test)');
}

function testFile(test: Record<string, unknown>): string | undefined {
  return toRepositoryPath(typeof test.file === 'string' ? test.file : undefined);
}
