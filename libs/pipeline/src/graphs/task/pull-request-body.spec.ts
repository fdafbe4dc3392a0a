import { judgeValidation, type TestFailure, type TestId, type ValidationResult } from '@patchbay/contracts';
import { pullRequestBody } from './pull-request-body';
import type { TaskGraphStateType } from './task-graph.state';

const failing = (name: string, file?: string): TestFailure => ({ name, ...(file ? { file } : {}), message: 'failed' });

function run(failures: TestFailure[], passedTests: TestId[]): ValidationResult {
  return {
    tests: {
      framework: 'node:test',
      command: 'node --test',
      exitCode: failures.length ? 1 : 0,
      passed: passedTests.length,
      failed: failures.length,
      skipped: 0,
      failures,
      passedTests,
      durationMs: 5,
      outputTail: '',
    },
    lint: null,
  };
}

const TARGET = { name: 'greets by name', file: 'test/greet.test.js' };
const BASELINE = run(
  [failing('greets by name', 'test/greet.test.js'), failing('parses dates', 'test/date.test.js')],
  [{ name: 'returns a string' }],
);

function stateAfter(latest: ValidationResult): TaskGraphStateType {
  const verdict = judgeValidation(BASELINE, latest, { targetTests: [TARGET], allowPreexistingFailures: true });
  const state: Partial<TaskGraphStateType> = {
    plan: {
      summary: 'Fix greet()',
      steps: [{ id: '1', title: 'Fix the string', detail: '', files: [] }],
      targetTests: [TARGET],
    },
    baseline: BASELINE,
    latest,
    verdict,
    diff: 'diff --git a/src/greet.js b/src/greet.js\n',
    modelLabel: 'scripted model',
  };
  return state as TaskGraphStateType;
}

describe('pullRequestBody', () => {
  it('lists the target tests before and after, and the failures from the base commit that stay', () => {
    const body = pullRequestBody(
      stateAfter(
        run([failing('parses dates', 'test/date.test.js')], [{ name: 'greets by name' }, { name: 'returns a string' }]),
      ),
    );
    expect(body).toContain(
      [
        '### Target tests',
        '| test | before | after |',
        '|---|---|---|',
        '| greets by name (test/greet.test.js) | ❌ fails | ✅ passes |',
      ].join('\n'),
    );
    expect(body).toContain(
      '### Failures that were already there and stay\nThese failed on the base commit too; the repository allows them to stay.\n- parses dates (test/date.test.js)',
    );
    expect(body).toContain(
      '- 1 failure(s) from the base commit still fail (listed above); this change does not fix them.',
    );
  });

  it('never calls a still-failing target test "not introduced by this change"', () => {
    const body = pullRequestBody(
      stateAfter(
        run(
          [failing('greets by name', 'test/greet.test.js'), failing('parses dates', 'test/date.test.js')],
          [{ name: 'returns a string' }],
        ),
      ),
    );
    expect(body).not.toContain('not introduced by this change');
    expect(body).toContain('- Target test greets by name (test/greet.test.js) does not pass (❌ fails).');
    expect(body).toContain('| greets by name (test/greet.test.js) | ❌ fails | ❌ fails |');
  });

  it('says nothing is at risk when every target passes and no failure is left', () => {
    const body = pullRequestBody(
      stateAfter(run([], [{ name: 'greets by name' }, { name: 'returns a string' }, { name: 'parses dates' }])),
    );
    expect(body).toContain(
      '## Risks\n- None found: every target test passes and every test that passed before still passes.',
    );
    expect(body).not.toContain('### Failures that were already there');
  });
});

describe('pullRequestBody: what the tests and checks could tell', () => {
  it('does not say "no tests ran" when only the exit code could be read, and names a linter the sandbox lacks', () => {
    const latest: ValidationResult = {
      tests: {
        framework: 'custom',
        command: 'make test',
        exitCode: 0,
        passed: 0,
        failed: 0,
        skipped: 0,
        failures: [],
        resultDetail: 'exit_code',
        durationMs: 5,
        outputTail: 'ok',
      },
      lint: null,
      checks: [
        {
          kind: 'lint',
          name: 'lint',
          command: 'eslint .',
          status: 'unavailable',
          unavailableReason: 'bash: line 1: eslint: command not found',
          exitCode: 127,
          failures: [],
          durationMs: 1,
          outputTail: '',
        },
      ],
    };
    const body = pullRequestBody(stateAfter(latest));
    expect(body).not.toContain('No tests ran');
    expect(body).toContain(
      '- The test command (`make test`) passed, but its output names or counts no tests Patchbay could read: only its exit code vouches for the behaviour.',
    );
    expect(body).toContain(
      '- The linter could not run in the sandbox (bash: line 1: eslint: command not found), so it says nothing about this change.',
    );
  });

  it('lists what the dependency check found among the risks, one line per finding', () => {
    const state = stateAfter(
      run([], [{ name: 'greets by name' }, { name: 'returns a string' }, { name: 'parses dates' }]),
    );
    state.dependencyFindings = [
      {
        package: 'patchbay-planted-high',
        version: '2.2.0',
        manifest: 'package.json',
        kind: 'advisory',
        blocks: false,
        message:
          '`patchbay-planted-high@2.2.0` (package.json) has a high advisory: Prototype pollution\nin it, ask @maintainer',
        advisory: {
          id: 9000002,
          url: 'https://github.com/advisories/GHSA-patc-hbay-high',
          title: 'Prototype pollution',
          severity: 'high',
          vulnerableVersions: '>=2.0.0 <2.3.0',
        },
      },
    ];
    const risks = pullRequestBody(state).split('## Risks\n')[1].split('\n\n')[0];
    expect(risks).toBe(
      '- Dependency: `patchbay-planted-high@2.2.0` (package.json) has a high advisory: Prototype pollution in it, ask @\u200bmaintainer',
    );
  });
});
