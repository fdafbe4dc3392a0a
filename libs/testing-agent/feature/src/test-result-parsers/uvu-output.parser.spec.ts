import { readFixture } from '../testing/fixtures';
import { parseUvuOutput } from './uvu-output.parser';

describe('parseUvuOutput (uvu 0.5, default output with its colours)', () => {
  it('names each failing test with its suite and the file its stack points to, and counts the rest', () => {
    const run = parseUvuOutput(readFixture('uvu/output.txt'));
    expect(run).toMatchObject({ passed: 3, failed: 3, skipped: 1, resultDetail: 'counts' });
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['multiplies', 'tests/calc.js'],
      ['nested > multiplies negatives', 'tests/calc.js'],
      ['fails too', 'tests/other.js'],
    ]);
    expect(run?.failures[1].message).toContain('Expected values to be strictly equal');
    expect(run?.failures[1].message).not.toContain('node_modules');
    expect(run?.failures[1].message).not.toContain('other.js');
    // uvu never names the tests that pass.
    expect(run?.passedTests).toBeUndefined();
  });

  it('counts a failure that has no FAIL block (a crash in a hook) as an unnamed one, and is null for other output', () => {
    const run = parseUvuOutput(
      'calc.js\n• ✘   (0 / 1)\n\n  Total:     2\n  Passed:    0\n  Skipped:   0\n  Duration:  1ms\n',
    );
    expect(run?.failures.map((f) => f.name)).toEqual(['unnamed failing test', 'unnamed failing test']);
    expect(parseUvuOutput('Tests: 1 passed, 1 total')).toBeNull();
  });
});
