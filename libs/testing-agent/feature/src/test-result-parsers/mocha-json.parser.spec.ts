import { readFixture } from '../testing/fixtures';
import { parseMochaJsonReport } from './mocha-json.parser';

describe('parseMochaJsonReport', () => {
  it('counts passes, pending and failures, hook failures included', () => {
    const run = parseMochaJsonReport(JSON.parse(readFixture('mocha-report.handwritten.json')));
    expect(run).toMatchObject({ passed: 2, skipped: 1, failed: 2 });
    expect(run?.failures).toEqual([
      { name: 'sum adds negatives', file: 'test/sum.spec.js', message: 'expected -5 to equal -6' },
      {
        name: 'db "before all" hook for "connects"',
        file: 'test/db.spec.js',
        message: 'connect ECONNREFUSED 127.0.0.1:5432',
      },
    ]);
  });

  it('names the tests that passed as a failure of them would be named, for target tests', () => {
    expect(parseMochaJsonReport(JSON.parse(readFixture('mocha-report.handwritten.json')))?.passedTests).toEqual([
      { name: 'sum adds', file: 'test/sum.spec.js' },
      { name: 'db works', file: 'test/db.spec.js' },
    ]);
  });

  it('is null for a jest report', () => {
    expect(parseMochaJsonReport(JSON.parse(readFixture('jest-report.json')))).toBeNull();
  });
});
