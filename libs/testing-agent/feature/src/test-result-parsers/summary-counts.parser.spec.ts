import { UNNAMED_TEST_FAILURE } from '@patchbay/contracts';
import { readFixture } from '../testing/fixtures';
import { parseSummaryCounts, readSummaryCounts } from './summary-counts.parser';

const counts = (text: string) => {
  const read = readSummaryCounts(text);
  return read && { passed: read.passed, failed: read.failed, skipped: read.skipped };
};

describe('parseSummaryCounts', () => {
  it('reads the totals real runners print by default (captured from jest 29, vitest 4, mocha 12, ava 7, pytest 9)', () => {
    expect(counts(readFixture('summaries/jest-default.txt'))).toEqual({ passed: 1, failed: 2, skipped: 0 });
    expect(counts(readFixture('summaries/vitest-default.txt'))).toEqual({ passed: 2, failed: 2, skipped: 1 });
    expect(counts(readFixture('summaries/mocha-spec.txt'))).toEqual({ passed: 2, failed: 2, skipped: 1 });
    expect(counts(readFixture('summaries/ava-default.txt'))).toEqual({ passed: 0, failed: 1, skipped: 2 });
    expect(counts(readFixture('summaries/pytest-default.txt'))).toEqual({ passed: 2, failed: 2, skipped: 1 });
    expect(counts(readFixture('uvu/output.txt'))).toEqual({ passed: 3, failed: 3, skipped: 1 });
    expect(counts(readFixture('unittest/quiet-py311.stderr'))).toEqual({ passed: 2, failed: 2, skipped: 1 });
    expect(counts(readFixture('node-tap/output.tap'))).toEqual({ passed: 2, failed: 1, skipped: 1 });
  });

  it('reads the other common summary lines', () => {
    expect(counts('Tests:       1 failed, 2 skipped, 1 todo, 7 passed, 11 total')).toEqual({
      passed: 7,
      failed: 1,
      skipped: 3,
    });
    expect(counts('1 failed, 4 passed, 1 error in 0.31s')).toEqual({ passed: 4, failed: 2, skipped: 0 });
    expect(counts('# tests 3\n# pass 2\n# fail 1\n# skipped 0\n')).toEqual({ passed: 2, failed: 1, skipped: 0 });
    expect(
      counts(
        '[INFO] Tests run: 4, Failures: 1, Errors: 0, Skipped: 1\n[ERROR] Tests run: 9, Failures: 2, Errors: 1, Skipped: 1',
      ),
    ).toEqual({ passed: 5, failed: 3, skipped: 1 });
    expect(counts('12 tests completed, 2 failed, 1 skipped')).toEqual({ passed: 9, failed: 2, skipped: 1 });
    expect(counts('--- PASS: TestA (0.00s)\n--- FAIL: TestB (0.00s)\n    --- FAIL: TestB/sub (0.00s)\nFAIL')).toEqual({
      passed: 1,
      failed: 1,
      skipped: 0,
    });
    expect(counts('Summary: 3 passed, 1 failed')).toEqual({ passed: 3, failed: 1, skipped: 0 });
  });

  it('adds up one runner’s summaries when it prints one per project', () => {
    expect(counts('  2 passing (3ms)\n\n  5 passing (9ms)\n  1 failing\n')).toEqual({
      passed: 7,
      failed: 1,
      skipped: 0,
    });
  });

  it('turns each counted failure into one unnamed failure, so two runs compare by count', () => {
    const run = parseSummaryCounts(readFixture('summaries/jest-default.txt'));
    expect(run).toMatchObject({ passed: 1, failed: 2, resultDetail: 'counts' });
    expect(run?.failures.map((f) => f.name)).toEqual([UNNAMED_TEST_FAILURE, UNNAMED_TEST_FAILURE]);
    expect(run?.failures[0].message).toContain('Tests:       2 failed, 1 passed, 3 total');
    expect(run?.failures[0].message).toContain('Expected: 12');
    expect(run?.passedTests).toBeUndefined();
  });

  it('is null for output without a summary or with one that counts nothing', () => {
    expect(parseSummaryCounts('compiled in 3s\nall good')).toBeNull();
    expect(parseSummaryCounts('Tests:       0 total')).toBeNull();
  });
});
