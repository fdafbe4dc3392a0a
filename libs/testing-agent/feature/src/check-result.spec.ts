import { checkResult, unavailableReason, type CheckOutput } from './check-result';
import type { PlannedStep } from './validation-plan';

const lintStep: PlannedStep = {
  role: 'lint',
  name: 'lint',
  framework: 'lint',
  command: 'PATH="$PWD/node_modules/.bin:$PATH" eslint .',
  format: 'auto',
  written: 'eslint .',
};
const scriptStep: PlannedStep = {
  role: 'check',
  name: 'pretest',
  framework: 'check',
  command: 'tsc',
  format: 'auto',
  written: 'tsc',
};
const ran = (overrides: Partial<CheckOutput>): CheckOutput => ({
  exitCode: 0,
  stdout: '',
  stderr: '',
  durationMs: 10.4,
  timedOut: false,
  oomKilled: false,
  ...overrides,
});

describe('checkResult', () => {
  it('reports a linter that is not installed as unavailable, never as a failing check', () => {
    const missing = checkResult(
      lintStep,
      ran({ exitCode: 127, stderr: 'bash: line 1: eslint: command not found\n' }),
      1_000,
    );
    expect(missing).toMatchObject({
      kind: 'lint',
      status: 'unavailable',
      unavailableReason: 'bash: line 1: eslint: command not found',
      failures: [],
    });
    for (const stderr of [
      "Error: Cannot find module 'eslint-plugin-react'\nRequire stack:\n- /workspace/eslint.config.js",
      'Oops! Something went wrong! :(\n\nESLint: 9.1.0\n\nESLint couldn\'t find the plugin "eslint-plugin-import".',
      "Oops! Something went wrong! :(\n\nESLint: 6.4.0.\n\nESLint couldn't find a configuration file. To set up a configuration file for this project, please run:",
      '/workspace/.venv/bin/python3: No module named flake8',
      'npm ERR! Missing script: "lint"',
      'npm error Missing script: "lint"',
      'npm ERR! npx canceled due to missing packages and no YES option: ["eslint@9"]',
    ]) {
      expect(checkResult(lintStep, ran({ exitCode: 1, stderr }), 1_000).status).toBe('unavailable');
    }
  });

  it('reads a linter’s problems one by one, so only problems an edit introduces count as new', () => {
    const stdout =
      "\n/workspace/src/index.js\n  1:7  error  'unused' is assigned a value but never used  no-unused-vars\n\n✖ 1 problem (1 error, 0 warnings)\n";
    expect(checkResult(lintStep, ran({ exitCode: 1, stdout }), 1_000)).toMatchObject({
      status: 'failed',
      durationMs: 10,
      failures: [{ name: "'unused' is assigned a value but never used  no-unused-vars", file: 'src/index.js' }],
    });
  });

  it('a type error that cannot find a module is a finding, not a missing tool', () => {
    const stdout =
      "src/a.ts(1,17): error TS2307: Cannot find module './missing' or its corresponding type declarations.";
    expect(checkResult(scriptStep, ran({ exitCode: 2, stdout }), 1_000)).toMatchObject({
      kind: 'script',
      status: 'failed',
      failures: [{ file: 'src/a.ts' }],
    });
  });

  it('a failing step whose output names no problem is one failure named after the check; exit 0 passes', () => {
    const failed = checkResult(scriptStep, ran({ exitCode: 1, stderr: 'build exploded' }), 1_000);
    expect(failed.failures).toEqual([
      { name: 'check: pretest', message: expect.stringContaining('exited with code 1\nbuild exploded') },
    ]);
    expect(checkResult(scriptStep, ran({ exitCode: 0, stdout: 'src/a.ts:1:1: warning: style' }), 1_000)).toMatchObject({
      status: 'passed',
      failures: [],
    });
  });

  it('a check that hangs fails without stopping the tests', () => {
    expect(checkResult(lintStep, ran({ exitCode: null, timedOut: true }), 5_000).failures[0].message).toBe(
      'the check did not finish within 5000 ms',
    );
  });
});

describe('unavailableReason', () => {
  it('is null for a tool that ran, and names exit 127 when the output says nothing', () => {
    expect(unavailableReason({ exitCode: 1, stdout: 'src/a.js:1:1: no-undef', stderr: '' })).toBeNull();
    expect(unavailableReason({ exitCode: 127, stdout: '', stderr: '' })).toBe(
      'exit code 127: the command was not found',
    );
  });
});
