import { readFixture } from '../testing/fixtures';
import { parseGoTestJson } from './go-test-json.parser';

describe('parseGoTestJson', () => {
  it('counts leaf tests and reports failing subtests by their full name, with their log lines', () => {
    const run = parseGoTestJson(readFixture('go-test.jsonl'), '', 'example.com/gop');
    // TestAdd, TestTable/1+1 pass; TestSkipped skips; TestTable itself is a parent
    expect(run).toMatchObject({ passed: 2, skipped: 1, failed: 2 });
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ['TestAddFails', 'calc'],
      ['TestTable/1+2', 'calc'],
    ]);
    const addFails = run?.failures[0];
    expect(addFails?.message).toContain('calc_test.go:17: Add(2, 2) = 4, want 5');
    expect(addFails?.message).not.toContain('=== RUN');
  });

  it('names the leaf tests that passed as a failure of them would be named, for target tests', () => {
    expect(parseGoTestJson(readFixture('go-test.jsonl'), '', 'example.com/gop')?.passedTests).toEqual([
      { name: 'TestAdd', file: 'calc' },
      { name: 'TestTable/1+1', file: 'calc' },
    ]);
  });

  it('reports a package that failed to build (Go < 1.24 says so on stderr only)', () => {
    const run = parseGoTestJson(
      readFixture('go-test-build-failed.jsonl'),
      readFixture('go-test-build-failed.stderr'),
      'example.com/gop',
    );
    const build = run?.failures.find((f) => f.file === 'broken');
    expect(build?.name).toBe('package example.com/gop/broken');
    expect(build?.message).toContain('cannot use "s" (untyped string constant) as int value');
    expect(run?.failures.map((f) => f.name)).toEqual([
      'TestAddFails',
      'TestTable/1+2',
      'package example.com/gop/broken',
    ]);
  });

  it('is null when the output holds no test2json events', () => {
    expect(parseGoTestJson('ok  \texample.com/gop/calc\t0.01s\n')).toBeNull();
  });
});
