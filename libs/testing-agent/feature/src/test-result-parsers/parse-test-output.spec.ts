import { readFixture } from '../testing/fixtures';
import { COMMAND_FAILED, findJsonObject, parseTestOutput } from './parse-test-output';

const output = (overrides: Partial<Parameters<typeof parseTestOutput>[1]>) => ({
  exitCode: 1,
  stdout: '',
  stderr: '',
  report: null,
  ...overrides,
});

describe('parseTestOutput', () => {
  it('reads the report file when the command wrote one', () => {
    const run = parseTestOutput('jest-json', output({ report: readFixture('jest-report.json') }));
    expect(run.failed).toBe(3);
  });

  it('finds a JSON report on stdout behind whatever the tests printed', () => {
    const stdout = `> fixture@1.0.0 test\n> mocha --reporter json\n\nconnecting… {not json}\n${readFixture('mocha-report.handwritten.json')}`;
    expect(parseTestOutput('mocha-json', output({ stdout })).failed).toBe(2);
  });

  it('falls back to the exit code and the output tail when nothing is machine-readable', () => {
    const run = parseTestOutput('auto', output({ exitCode: 2, stdout: 'compiling…\nSegmentation fault' }));
    expect(run).toEqual({
      passed: 0,
      failed: 1,
      skipped: 0,
      failures: [{ name: COMMAND_FAILED, message: expect.stringContaining('Segmentation fault') }],
      resultDetail: 'exit_code',
    });
    expect(run.failures[0].message).toContain('exited with code 2');
    expect(parseTestOutput('auto', output({ exitCode: 0, stdout: 'all fine' }))).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
      failures: [],
      resultDetail: 'exit_code',
    });
  });

  it('never reports a red command as green: a non-zero exit with every test passing is a failure', () => {
    const report = JSON.stringify({
      testResults: [
        { name: '/workspace/a.test.js', status: 'passed', assertionResults: [{ fullName: 'a', status: 'passed' }] },
      ],
    });
    const run = parseTestOutput(
      'jest-json',
      output({ exitCode: 1, report, stderr: 'Jest: "global" coverage threshold for lines (90%) not met: 50%' }),
    );
    expect(run.passed).toBe(1);
    expect(run.failures).toEqual([
      { name: COMMAND_FAILED, message: expect.stringContaining('no test failed, but the command exited with code 1') },
    ]);
  });

  it('sniffs TAP, go test -json and JUnit for a command from the settings', () => {
    expect(parseTestOutput('auto', output({ stdout: readFixture('node-test-node20.tap') })).failed).toBe(3);
    expect(parseTestOutput('auto', output({ stdout: readFixture('go-test.jsonl') })).failed).toBe(2);
    expect(
      parseTestOutput('auto', output({ stdout: readFixture('pytest-xunit2.xml') }), { junitFlavour: 'pytest' }).failed,
    ).toBe(3);
  });

  it('falls back to sniffing when the expected report is missing, and to the exit code when a report is cut short', () => {
    expect(parseTestOutput('jest-json', output({ stdout: readFixture('node-test-node18.tap') })).failed).toBe(3);
    const cut = parseTestOutput(
      'junit-xml',
      output({ exitCode: 137, report: readFixture('pytest-xunit1.xml').slice(0, 400) }),
    );
    expect(cut.failures.map((f) => f.name)).toEqual([COMMAND_FAILED]);
  });

  it('never reads "no tests ran" from tests that ran: text reporters are read by their names or totals', () => {
    const unittest = parseTestOutput(
      'auto',
      output({ exitCode: 1, stderr: readFixture('unittest/quiet-py311.stderr') }),
    );
    expect(unittest).toMatchObject({ passed: 2, failed: 2, skipped: 1, resultDetail: 'counts' });
    expect(unittest.failures.map((f) => f.name)).toEqual(['TestCalc::test_error', 'TestCalc::test_mul']);
    expect(
      parseTestOutput('auto', output({ exitCode: 1, stdout: readFixture('uvu/output.txt') })).failures.map(
        (f) => f.name,
      ),
    ).toContain('nested > multiplies negatives');
    const green = parseTestOutput(
      'auto',
      output({
        exitCode: 0,
        stdout: '> eslint . && vitest run\n\n Test Files  3 passed (3)\n      Tests  12 passed (12)\n',
      }),
    );
    expect(green).toEqual({ passed: 12, failed: 0, skipped: 0, failures: [], resultDetail: 'counts' });
    // A report that was expected but never written (the runner crashed) still leaves its totals.
    expect(parseTestOutput('jest-json', output({ stderr: readFixture('summaries/jest-default.txt') }))).toMatchObject({
      passed: 1,
      failed: 2,
      resultDetail: 'counts',
    });
  });

  it('a killed command (no exit code) is a failure', () => {
    expect(parseTestOutput('auto', output({ exitCode: null })).failures[0].message).toContain('was killed');
  });
});

describe('findJsonObject', () => {
  it('takes the first line-start object that parses to the end and is accepted', () => {
    expect(findJsonObject('{"a":1} trailing\n{"b":2}\n', (v) => 'b' in v)).toEqual({ b: 2 });
    expect(findJsonObject('nothing here', () => true)).toBeNull();
  });
});
