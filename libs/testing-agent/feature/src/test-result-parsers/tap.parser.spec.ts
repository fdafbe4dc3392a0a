import { readFixture } from '../testing/fixtures';
import { parseTapOutput } from './tap.parser';

describe('parseTapOutput', () => {
  it.each(['node-test-node18.tap', 'node-test-node20.tap'])(
    'reads node:test TAP (%s): leaves only, suites named as paths',
    (fixture) => {
      const run = parseTapOutput(readFixture(fixture));
      // more passes, adds, nested > inner passes | skipped one, todo one
      expect(run).toMatchObject({ passed: 3, skipped: 2, failed: 3 });
      expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
        ['more fails', 'test/more.test.js'],
        ['adds negatives', 'test/sum.test.js'],
        ['nested > inner fails', 'test/sum.test.js'],
      ]);
    },
  );

  it('names the tests that passed as a failure of them would be named, for target tests', () => {
    expect(parseTapOutput(readFixture('node-test-node20.tap'))?.passedTests).toEqual([
      { name: 'more passes' },
      { name: 'adds' },
      { name: 'nested > inner passes' },
    ]);
  });

  it('keeps multi-line error text from the YAML block', () => {
    const failures = parseTapOutput(readFixture('node-test-node18.tap'))?.failures ?? [];
    expect(failures.find((f) => f.name === 'adds negatives')?.message).toBe(
      'Expected values to be strictly equal:\n\n-5 !== -6',
    );
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
    expect(parseTapOutput('ok 1 - issue \\#12 fixed\n1..1')).toEqual({
      passed: 1,
      failed: 0,
      skipped: 0,
      failures: [],
      passedTests: [{ name: 'issue #12 fixed' }],
    });
    expect(parseTapOutput('all good\n')).toBeNull();
  });

  it("leaves node-tap's duration comment out of the name, so the same test has the same name on every run", () => {
    const run = (ms: string) =>
      parseTapOutput(`not ok 1 - test/bin/semver.js # time=${ms}ms\n1..1`)?.failures.map((f) => f.name);
    expect(run('30435.904')).toEqual(['test/bin/semver.js']);
    expect(run('29012.1')).toEqual(run('30435.904'));
  });

  it('names a suite that passed among the passed tests, without counting it, so a plan can target a whole suite', () => {
    const text = [
      '# Subtest: test/classes/range.js',
      '    # Subtest: range parsing',
      '        ok 1 - 1.x+build',
      '        ok 2 - ^1.x+meta',
      '        1..2',
      '    ok 1 - range parsing # time=3.2ms',
      '    1..1',
      'ok 1 - test/classes/range.js # time=80ms',
      '1..1',
    ].join('\n');
    const run = parseTapOutput(text, { fileSubtests: true });
    expect(run).toMatchObject({ passed: 2, failed: 0 });
    expect(run?.passedTests).toContainEqual({ name: 'range parsing', file: 'test/classes/range.js' });
  });

  describe('a node-tap file that ran out of time (output of tap 16 with --timeout)', () => {
    const first = [
      '# Subtest: test/bin/semver.js',
      '    # Subtest: first',
      '        ok 1 - expect truthy value',
      '        1..1',
      '    ok 1 - first # time=8.1ms',
    ];
    const fileFailure = [
      'not ok 1 - test/bin/semver.js # time=30011.8ms',
      '  ---',
      '  file: test/bin/semver.js',
      '  timeout: 30000',
      '  ...',
      '1..1',
    ];
    const busy = [
      ...first,
      '    not ok 2 - timeout!',
      '      ---',
      '      expired: test/bin/semver.js',
      '      ...',
      '    1..2',
      ...fileFailure,
    ];
    const handled = [
      ...first,
      '    # Subtest: spawns the cli',
      '        not ok 1 - timeout!',
      '          ---',
      '          signal: SIGTERM',
      '          expired: TAP',
      '          ...',
      '        1..1',
      '    not ok 2 - spawns the cli # time=29779.7ms',
      '    1..2',
      ...fileFailure,
    ];
    const finished = [...first, '    1..1', ...fileFailure];
    const failureOf = (lines: string[]) =>
      parseTapOutput(lines.join('\n'), { fileSubtests: true })?.failures.map(({ name, file }) => ({ name, file }));

    it('is one failure named by the file, whichever way the kill caught it', () => {
      const expected = [{ name: 'test/bin/semver.js', file: 'test/bin/semver.js' }];
      expect(failureOf(busy)).toEqual(expected);
      expect(failureOf(handled)).toEqual(expected);
      expect(failureOf(finished)).toEqual(expected);
    });

    it('merges only timeouts: two failing tests that share a name stay two failures', () => {
      const twins = [
        '# Subtest: test/a.js',
        '    not ok 1 - works',
        '    not ok 2 - works',
        '    1..2',
        'not ok 1 - test/a.js',
        '1..1',
      ];
      expect(failureOf(twins)).toEqual([
        { name: 'works', file: 'test/a.js' },
        { name: 'works', file: 'test/a.js' },
      ]);
      expect(failureOf([...handled.slice(0, -6), '    not ok 3 - timeout!', ...handled.slice(-6)])).toEqual([
        { name: 'test/bin/semver.js', file: 'test/bin/semver.js' },
      ]);
    });

    it('keeps the tests that passed before the timeout, and the reason in the message', () => {
      const run = parseTapOutput(handled.join('\n'), { fileSubtests: true });
      expect(run).toMatchObject({
        passed: 1,
        failed: 1,
        passedTests: [
          { name: 'first > expect truthy value', file: 'test/bin/semver.js' },
          { name: 'first', file: 'test/bin/semver.js' },
        ],
      });
      expect(run?.failures[0]?.message).toContain('expired: TAP');
    });
  });
});
