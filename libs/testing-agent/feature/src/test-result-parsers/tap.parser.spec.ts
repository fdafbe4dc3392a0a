import { readFixture } from '../testing/fixtures';
import { parseTapOutput } from './tap.parser';

describe('parseTapOutput', () => {
  it.each(['node-test-node18.tap', 'node-test-node20.tap'])('reads node:test TAP (%s): leaves only, suites named as paths', (fixture) => {
    const run = parseTapOutput(readFixture(fixture));
    // more passes, adds, nested > inner passes | skipped one, todo one
    expect(run).toMatchObject({ passed: 3, skipped: 2, failed: 3 });
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['more fails', 'test/more.test.js'],
      ['adds negatives', 'test/sum.test.js'],
      ['nested > inner fails', 'test/sum.test.js'],
    ]);
  });

  it('names the tests that passed as a failure of them would be named, for target tests', () => {
    expect(parseTapOutput(readFixture('node-test-node20.tap'))?.passedTests).toEqual([{ name: 'more passes' }, { name: 'adds' }, { name: 'nested > inner passes' }]);
  });

  it('keeps multi-line error text from the YAML block', () => {
    const failures = parseTapOutput(readFixture('node-test-node18.tap'))?.failures ?? [];
    expect(failures.find((f) => f.name === 'adds negatives')?.message).toBe('Expected values to be strictly equal:\n\n-5 !== -6');
    expect(failures.find((f) => f.name === 'nested > inner fails')?.message).toBe('inner boom\nsecond line');
  });

  it('counts a suite whose own hook failed, and a bail out', () => {
    const tap = [
      'TAP version 13',
      '# Subtest: db',
      '    # Subtest: reads',
      '    not ok 1 - reads',
      '      ---',
      "      failureType: 'cancelledByParent'",
      "      error: 'test did not finish before its parent and was cancelled'",
      '      ...',
      '    1..1',
      'not ok 1 - db',
      '  ---',
      "  failureType: 'hookFailed'",
      "  error: 'connect ECONNREFUSED'",
      '  ...',
      'Bail out! database down',
    ].join('\n');
    const run = parseTapOutput(tap);
    expect(run?.failures.map((f) => [f.name, f.message])).toEqual([
      ['db > reads', 'test did not finish before its parent and was cancelled'],
      ['db', 'connect ECONNREFUSED'],
      ['Bail out!', 'Bail out! database down'],
    ]);
  });

  it('treats an escaped # in a name as part of the name, and is null for text without results', () => {
    expect(parseTapOutput('ok 1 - issue \\#12 fixed\n1..1')).toEqual({ passed: 1, failed: 0, skipped: 0, failures: [], passedTests: [{ name: 'issue #12 fixed' }] });
    expect(parseTapOutput('all good\n')).toBeNull();
  });

  it("leaves node-tap's duration comment out of the name, so the same test has the same name on every run", () => {
    const run = (ms: string) => parseTapOutput(`not ok 1 - test/bin/semver.js # time=${ms}ms\n1..1`)?.failures.map((f) => f.name);
    expect(run('30435.904')).toEqual(['test/bin/semver.js']);
    expect(run('29012.1')).toEqual(run('30435.904'));
  });
});
