import type { TestFailure } from '@patchbay/contracts';
import { failure, isRecord, toRepositoryPath, type ParsedTestRun } from './parsed-test-run';

/**
 * Reads the output of mocha's built-in `json` reporter (`stats`, `tests`, `passes`, `pending`,
 * `failures`). Hook failures ("before all" hook …) appear only in `failures`, so the failure count
 * comes from that list rather than from `tests`.
 */
export function parseMochaJsonReport(report: unknown): ParsedTestRun | null {
  if (!isRecord(report) || !isRecord(report.stats) || !Array.isArray(report.failures)) return null;
  const passes = Array.isArray(report.passes) ? report.passes.length : 0;
  const pending = Array.isArray(report.pending) ? report.pending.length : 0;
  const failures: TestFailure[] = report.failures.filter(isRecord).map((test) => {
    const err = isRecord(test.err) ? test.err : {};
    const message = typeof err.message === 'string' && err.message ? err.message : typeof err.stack === 'string' ? err.stack : 'failed';
    const name = typeof test.fullTitle === 'string' && test.fullTitle ? test.fullTitle : String(test.title ?? '(unnamed test)');
    return failure(name, toRepositoryPath(typeof test.file === 'string' ? test.file : undefined), message);
  });
  return { passed: passes, failed: failures.length, skipped: pending, failures };
}
