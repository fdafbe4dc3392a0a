import { readFixture } from '../testing/fixtures';
import { parseJestJsonReport } from './jest-json.parser';

describe('parseJestJsonReport', () => {
  it('counts a real jest report and names each failure by its full title and repository path', () => {
    const run = parseJestJsonReport(JSON.parse(readFixture('jest-report.json')));
    expect(run).toMatchObject({ passed: 2, skipped: 1, failed: 3 });
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['sum adds negatives', 'test/sum.test.js'],
      ['throws', 'test/other.test.js'],
      ['Test suite failed to run', 'test/broken.test.js'],
    ]);
  });

  it('names the tests that passed as a failure of them would be named, for target tests', () => {
    expect(parseJestJsonReport(JSON.parse(readFixture('jest-report.json')))?.passedTests).toEqual([
      { name: 'sum adds', file: 'test/sum.test.js' },
      { name: 'top-level passes', file: 'test/other.test.js' },
    ]);
  });

  it('keeps the assertion text and the frame in the test file, not the runner frames', () => {
    const [negatives] = parseJestJsonReport(JSON.parse(readFixture('jest-report.json')))?.failures ?? [];
    expect(negatives.message).toContain('Expected: -6');
    expect(negatives.message).toContain('Received: -5');
    expect(negatives.message).toContain('/workspace/test/sum.test.js:4:52');
    expect(negatives.message).not.toContain('jest-circus');
  });

  it('reads vitest’s json report, which has the same shape (todo counts as skipped)', () => {
    const run = parseJestJsonReport(JSON.parse(readFixture('vitest-report.handwritten.json')));
    expect(run).toMatchObject({ passed: 2, skipped: 1, failed: 2 });
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['sum adds negatives', 'src/sum.test.ts'],
      ['Test suite failed to run', 'src/broken.test.ts'],
    ]);
  });

  it('is null for something that is not a jest report', () => {
    expect(parseJestJsonReport({ stats: {} })).toBeNull();
    expect(parseJestJsonReport('text')).toBeNull();
  });
});
