import { simpleCommandWords } from '../commands/shell-words';
import { parseTestOutput, type CommandOutput } from '../test-result-parsers/parse-test-output';
import { readFixture } from '../testing/fixtures';
import type { ReporterContext, ReporterInvocation } from './runner-adapter';
import { RUNNER_ADAPTERS, runnerOf } from './runner-adapters';

const context: ReporterContext = { reportFile: (extension) => `/tmp/report.${extension}` };

/** What the adapter makes of a command as a repository writes it. */
function rewrite(command: string): ReporterInvocation & { framework: string } {
  const words = simpleCommandWords(command);
  const adapter = words ? runnerOf(words) : undefined;
  if (!words || !adapter) throw new Error(`no runner for ${command}`);
  return { framework: adapter.framework, ...adapter.withReporter(words, context) };
}

/** Reads a run's output the way the adapter's invocation says to. */
function read(invocation: ReporterInvocation, output: Partial<CommandOutput>) {
  return parseTestOutput(
    invocation.format,
    { exitCode: 1, stdout: '', stderr: '', report: null, ...output },
    invocation.parseOptions,
  );
}

const names = (tests: ReadonlyArray<{ name: string; file?: string }> | undefined) =>
  (tests ?? []).map((test) => (test.file ? `${test.file}: ${test.name}` : test.name));

/**
 * Each runner on the same small project (calc: `sum` right, `mul` adding instead of multiplying):
 * the command the adapter writes, and what it reads from that command's real output — captured by
 * running the runner with exactly these flags (see testing/fixtures.ts).
 */
describe('runner adapters', () => {
  it('mocha: JSON report to a file, --no-bail after the script’s --bail (the .mocharc had bail: true too)', () => {
    const invocation = rewrite('mocha --bail');
    expect(invocation.command).toBe('mocha --bail --reporter json --reporter-option output=/tmp/report.json --no-bail');
    const run = read(invocation, { report: readFixture('mocha/report.json') });
    expect(run).toMatchObject({ passed: 2, failed: 2, skipped: 1, resultDetail: 'per_test' });
    expect(names(run.failures)).toEqual([
      'test/calc.spec.js: top-level multiplies zero',
      'test/calc.spec.js: calc multiplies',
    ]);
    expect(names(run.passedTests)).toEqual([
      'test/calc.spec.js: calc adds',
      'test/calc.spec.js: calc nested adds negatives',
    ]);
  });

  it('vitest: run mode and the JSON reporter; a --bail in the script is replaced by --bail=0', () => {
    expect(rewrite('vitest --bail 1').command).toBe(
      'vitest --run --reporter=json --outputFile=/tmp/report.json --bail=0',
    );
    const invocation = rewrite('vitest run');
    expect(invocation.command).toBe('vitest run --run --reporter=json --outputFile=/tmp/report.json');
    const run = read(invocation, { report: readFixture('vitest/report.json') });
    expect(run).toMatchObject({ passed: 2, failed: 2, skipped: 1, resultDetail: 'per_test' });
    expect(names(run.failures)).toEqual([
      'test/calc.test.js: calc multiplies',
      'test/calc.test.js: top-level multiplies zero',
    ]);
    expect(names(run.passedTests)).toEqual([
      'test/calc.test.js: calc adds',
      'test/calc.test.js: calc nested adds negatives',
    ]);
  });

  it('jest (and react-scripts test): JSON report to a file, --bail=0 wins over --bail and a config’s bail', () => {
    expect(rewrite('jest --bail').command).toBe('jest --bail --json --outputFile=/tmp/report.json --bail=0');
    expect(rewrite('react-scripts test')).toMatchObject({
      framework: 'jest',
      command: 'react-scripts test --json --outputFile=/tmp/report.json --bail=0 --watchAll=false',
      env: { CI: 'true' },
    });
  });

  it('ava: TAP with --no-fail-fast; the assertion’s details are the message, the runner’s own frame is no file', () => {
    const invocation = rewrite('ava --fail-fast');
    expect(invocation.command).toBe('ava --fail-fast --tap --no-fail-fast');
    const run = read(invocation, { stdout: readFixture('ava/output.tap') });
    expect(run).toMatchObject({ passed: 2, failed: 1, skipped: 2, resultDetail: 'per_test' });
    expect(run.failures).toEqual([{ name: 'calc › multiplies', message: expect.stringContaining('- 7\n      + 12') }]);
    expect(names(run.passedTests)).toEqual(['more › adds negatives', 'calc › adds']);
  });

  it('uvu: --bail removed, colours off; failures named with their suite and file, passes counted', () => {
    const invocation = rewrite('uvu tests --bail');
    expect(invocation).toMatchObject({ command: 'uvu tests', format: 'uvu', env: { NO_COLOR: '1' } });
    const run = read(invocation, { stdout: readFixture('uvu/output.txt') });
    expect(run).toMatchObject({ passed: 3, failed: 3, skipped: 1, resultDetail: 'counts' });
    expect(names(run.failures)).toEqual([
      'tests/calc.js: multiplies',
      'tests/calc.js: nested > multiplies negatives',
      'tests/other.js: fails too',
    ]);
  });

  it('node-tap: raw TAP, --no-bail; each file’s subtest gives the file, a parent failing only through its child is not a second failure', () => {
    const invocation = rewrite('tap --bail');
    expect(invocation).toMatchObject({ command: 'tap --bail --reporter=tap --no-bail', gitExcludes: ['.tap/'] });
    const run = read(invocation, { stdout: readFixture('node-tap/output.tap') });
    expect(run).toMatchObject({ passed: 2, failed: 1, skipped: 1, resultDetail: 'per_test' });
    expect(names(run.failures)).toEqual(['test/calc.test.js: calc > multiplies']);
    expect(run.failures[0].message).toContain('+7');
    // Suites that passed are named too (a target may be a suite), inner ones first as TAP reports them.
    expect(names(run.passedTests)).toEqual([
      'test/calc.test.js: calc > adds',
      'test/calc.test.js: nested > inner > inner passes',
      'test/calc.test.js: nested > inner',
      'test/calc.test.js: nested',
    ]);
  });

  it('node:test: the TAP reporter right after node, replacing the script’s reporter', () => {
    expect(rewrite('node --test --test-reporter spec --test-reporter-destination=stdout test/')).toMatchObject({
      command: 'node --test-reporter=tap --test test/',
      format: 'tap',
    });
    expect(rewrite('c8 node --test')).toMatchObject({
      framework: 'node:test',
      command: 'c8 node --test-reporter=tap --test',
    });
  });

  it('unittest: -v last (discover stays first), --failfast removed; every test named', () => {
    const invocation = rewrite('python3 -m unittest discover -s tests -f');
    expect(invocation.command).toBe('python3 -m unittest discover -s tests -v');
    const run = read(invocation, { stderr: readFixture('unittest/verbose-py311.stderr') });
    expect(run).toMatchObject({ passed: 2, failed: 2, skipped: 1, resultDetail: 'per_test' });
    expect(names(run.failures)).toEqual([
      'tests/test_calc.py: TestCalc::test_error',
      'tests/test_calc.py: TestCalc::test_mul',
    ]);
  });

  it('pytest, go, maven and gradle: their reporters, with -x / -failfast / fail-fast neutralised', () => {
    expect(rewrite('pytest -x tests')).toMatchObject({
      command: 'pytest -x tests -p no:cacheprovider -o junit_family=xunit1 --junitxml=/tmp/report.xml --maxfail=0',
      format: 'junit-xml',
    });
    expect(rewrite('go test -failfast -run TestAdd ./...').command).toBe('go test -json -run TestAdd ./...');
    expect(rewrite('go test -json ./...').command).toBe('go test -json ./...');
    expect(rewrite('./mvnw -q verify').command).toBe('./mvnw -q verify -fae');
    expect(rewrite('gradle :app:test').command).toBe('gradle :app:test --continue');
  });

  it('recognises a runner behind env assignments and wrappers, and nothing else as one', () => {
    expect(rewrite('NODE_ENV=test cross-env FOO=1 nyc mocha').framework).toBe('mocha');
    expect(rewrite('npx --no-install ts-mocha -p tsconfig.json').framework).toBe('mocha');
    expect(runnerOf(simpleCommandWords('eslint .') ?? [])).toBeUndefined();
    expect(new Set(RUNNER_ADAPTERS.map((adapter) => adapter.framework)).size).toBe(RUNNER_ADAPTERS.length);
  });
});
