import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { MessageBus } from '@patchbay/bus';
import {
  eventsOfType,
  judgeValidation,
  newFailures,
  type NewTaskEvent,
  type RunValidationCommand,
  type ValidationResult,
} from '@patchbay/contracts';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication } from '@patchbay/sandbox-runtime';
import { randomUUID } from 'node:crypto';
import {
  createBareRepo,
  sandboxTestConfig,
  TEST_SANDBOX_TOKEN,
  type BareRepoFixture,
} from '../../../sandbox/runtime/src/testing/sandbox-fixtures';
import {
  FIXED_CALC_JS,
  GO_PROJECT,
  NODE_RUNNERS_PROJECT,
  NODE_TEST_PROJECT,
  PYTHON_PROJECT,
} from './testing/runner-projects';
import { ValidationRunner } from './validation-runner.service';

jest.setTimeout(600_000);

const names = (run: { failures: ReadonlyArray<{ name: string; file?: string }> }) =>
  run.failures.map((f) => (f.file ? `${f.file}: ${f.name}` : f.name));

/**
 * Each runner on a small project, run for real by the testing agent in gVisor sandboxes (the node
 * image's Node 18, the python image's Python 3.11 and pytest 7, the go image's Go 1.19). mocha,
 * jest and uvu are installed from the npm registry through the registries-only egress, as the
 * pipeline installs a repository's dependencies.
 */
describe('test runners in a real gVisor sandbox', () => {
  let sandboxApp: INestApplication;
  let sandbox: SandboxClient;
  let runner: ValidationRunner;
  const events: NewTaskEvent[] = [];
  const repos: BareRepoFixture[] = [];
  const sandboxes: string[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    sandboxApp = await createSandboxApplication(sandboxTestConfig({ SANDBOX_DEFAULT_MEMORY_MB: '2048' }), {
      logger: false,
    });
    await sandboxApp.listen(0, '127.0.0.1');
    sandbox = new SandboxClient({ baseUrl: await sandboxApp.getUrl(), token: TEST_SANDBOX_TOKEN });
    const bus: MessageBus = {
      publish: async (_pattern, payload) => void events.push(payload as NewTaskEvent),
      consume: async () => undefined,
      broadcast: async () => undefined,
      subscribe: async () => undefined,
      isReady: async () => true,
      close: async () => undefined,
    };
    runner = new ValidationRunner(sandbox, bus, { testTimeoutMs: 240_000, lintTimeoutMs: 60_000 });
  });

  afterAll(async () => {
    await Promise.allSettled(sandboxes.map((id) => sandbox.destroy(id)));
    await sandboxApp?.close();
    await Promise.all(repos.map((repo) => repo.cleanup()));
  });

  async function sandboxWith(
    files: Record<string, string>,
    image: string,
    network: 'none' | 'registries' = 'none',
  ): Promise<{ taskId: string; sandboxId: string }> {
    const repo = await createBareRepo(files);
    repos.push(repo);
    const taskId = randomUUID();
    const info = await sandbox.create({ taskId, image, network, source: { kind: 'local-bare', path: repo.path } });
    sandboxes.push(info.id);
    return { taskId, sandboxId: info.id };
  }

  const validate = (command: Omit<RunValidationCommand, 'requestId'>): Promise<ValidationResult> =>
    runner.run({ ...command, requestId: randomUUID() });

  describe('Node runners installed from the registry (mocha, jest, uvu)', () => {
    let ids: { taskId: string; sandboxId: string };

    beforeAll(async () => {
      ids = await sandboxWith(NODE_RUNNERS_PROJECT, 'node', 'registries');
      const installed = await sandbox.installDependencies(ids.sandboxId, { timeoutMs: 300_000 });
      expect(installed.failure).toBeNull();
    });

    it('mocha: every failure despite --bail and .mocharc bail, a failing pretest as a check, an uninstalled eslint as unavailable', async () => {
      const baseline = await validate({ ...ids, phase: 'baseline' });
      expect(baseline.tests).toMatchObject({
        framework: 'mocha',
        exitCode: 2,
        passed: 1,
        failed: 2,
        resultDetail: 'per_test',
      });
      expect(names(baseline.tests).sort()).toEqual([
        'test/calc.spec.js: calc multiplies',
        'test/zero.spec.js: multiplies by zero',
      ]);
      expect(baseline.tests.passedTests).toEqual([{ name: 'calc adds', file: 'test/calc.spec.js' }]);
      expect(baseline.checks?.map((check) => [check.kind, check.name, check.status])).toEqual([
        ['script', 'pretest', 'failed'],
        ['lint', 'lint', 'unavailable'],
      ]);
      // The project does not install eslint; the node image's own ESLint 6 cannot read the project's (absent) config.
      expect(baseline.checks?.[1].unavailableReason).toMatch(/ESLint couldn't find a configuration file/);
      expect(baseline.lint).toBeNull();

      await sandbox.writeFile(ids.sandboxId, 'calc.js', FIXED_CALC_JS);
      const after = await validate({ ...ids, phase: 'after' });
      expect(after.tests).toMatchObject({ exitCode: 0, passed: 3, failed: 0 });
      // The failing pretest check is the same before and after: not new, and the task can be done.
      expect(
        judgeValidation(baseline, after, {
          targetTests: [{ name: 'calc multiplies', file: 'test/calc.spec.js' }],
          allowPreexistingFailures: true,
        }),
      ).toMatchObject({ done: true, newFailures: [] });
      await sandbox.writeFile(ids.sandboxId, 'calc.js', NODE_RUNNERS_PROJECT['calc.js']);
    });

    it('jest: every failing file despite --bail and the config’s bail, per-test names from the JSON report', async () => {
      const run = await validate({ ...ids, phase: 'baseline', testCommand: 'npm run test:jest', lintMode: 'off' });
      expect(run.tests).toMatchObject({
        framework: 'jest',
        exitCode: 1,
        passed: 1,
        failed: 2,
        resultDetail: 'per_test',
      });
      expect(run.tests.command).toMatch(/jest --bail --json --outputFile=\/tmp\/patchbay-jest-report\.json --bail=0$/);
      expect(names(run.tests).sort()).toEqual([
        'jest-tests/calc.test.js: multiplies',
        'jest-tests/zero.test.js: multiplies by zero',
      ]);
      expect(run.checks).toEqual([]);
    });

    it('uvu: failing tests named with their suite and file, passes counted', async () => {
      const run = await validate({ ...ids, phase: 'baseline', testCommand: 'npm run test:uvu', lintMode: 'off' });
      expect(run.tests).toMatchObject({ framework: 'uvu', exitCode: 1, passed: 1, failed: 2, resultDetail: 'counts' });
      expect(names(run.tests)).toEqual([
        'uvu-tests/calc.js: mul > multiplies',
        'uvu-tests/calc.js: mul > multiplies by zero',
      ]);
    });

    it('leaves nothing the runners wrote in the diff', async () => {
      expect((await sandbox.diff(ids.sandboxId)).files.map((file) => file.path)).toEqual([]);
    });
  });

  it('node:test: `npm run lint && node --test` is split — the failing lint step is the lint check, the tests still run and are read per test', async () => {
    const ids = await sandboxWith(NODE_TEST_PROJECT, 'node');
    const baseline = await validate({ ...ids, phase: 'baseline' });
    expect(baseline.tests).toMatchObject({
      framework: 'node:test',
      command: 'node --test-reporter=tap --test',
      exitCode: 1,
      passed: 1,
      failed: 1,
      resultDetail: 'per_test',
    });
    expect(names(baseline.tests)).toEqual(['test/calc.test.js: multiplies']);
    expect(baseline.lint?.failures.map((f) => [f.name, f.file])).toEqual([
      ['prefer-multiplication mul should multiply', 'calc.js'],
    ]);
    expect(baseline.checks?.map((check) => [check.kind, check.name, check.status])).toEqual([
      ['lint', 'lint', 'failed'],
    ]);
    const commands = eventsOfType(events, 'command_executed')
      .filter((e) => e.taskId === ids.taskId)
      .map((e) => [e.payload.purpose, e.payload.command]);
    expect(commands).toEqual([
      ['lint', 'node scripts/lint.js'],
      ['tests', 'node --test-reporter=tap --test'],
    ]);

    await sandbox.writeFile(ids.sandboxId, 'calc.js', FIXED_CALC_JS);
    await sandbox.writeFile(
      ids.sandboxId,
      'test/calc.test.js',
      `${NODE_TEST_PROJECT['test/calc.test.js']}test('adds zero', () => assert.strictEqual(sum(2, 0), 3));\n`,
    );
    const after = await validate({ ...ids, phase: 'after' });
    expect(newFailures(baseline.tests, after.tests).map((f) => f.name)).toEqual(['adds zero']);
  });

  it('pytest and unittest: every failure despite -x in addopts, per-test names; ruff not installed is unavailable', async () => {
    const ids = await sandboxWith(PYTHON_PROJECT, 'python');
    const pytest = await validate({ ...ids, phase: 'baseline' });
    expect(pytest.tests).toMatchObject({
      framework: 'pytest',
      exitCode: 1,
      passed: 2,
      failed: 3,
      resultDetail: 'per_test',
    });
    expect(names(pytest.tests)).toEqual([
      'tests/test_calc.py: test_mul',
      'tests/test_calc.py: test_mul_zero',
      'tests/test_unit.py: TestMul::test_mul',
    ]);
    expect(pytest.checks).toEqual([
      expect.objectContaining({
        kind: 'lint',
        status: 'unavailable',
        unavailableReason: expect.stringMatching(/ruff: command not found/),
      }),
    ]);

    const unittest = await validate({
      ...ids,
      phase: 'baseline',
      testCommand: 'python3 -m unittest discover -s tests -t . -p "test_unit*.py"',
      lintMode: 'off',
    });
    expect(unittest.tests).toMatchObject({
      framework: 'unittest',
      exitCode: 1,
      passed: 1,
      failed: 1,
      resultDetail: 'per_test',
    });
    // Named as pytest names the same test, so switching runners keeps the baseline comparable.
    expect(names(unittest.tests)).toEqual(['tests/test_unit.py: TestMul::test_mul']);
    expect(unittest.tests.passedTests).toEqual([{ name: 'TestMul::test_mul_one', file: 'tests/test_unit.py' }]);
    expect((await sandbox.diff(ids.sandboxId)).files).toEqual([]);
  });

  it('go: go test -json per test, go vet as the lint check', async () => {
    const ids = await sandboxWith(GO_PROJECT, 'go');
    const run = await validate({ ...ids, phase: 'baseline' });
    expect(run.tests).toMatchObject({
      framework: 'go',
      command: 'go test -json ./...',
      exitCode: 1,
      passed: 1,
      failed: 1,
      resultDetail: 'per_test',
    });
    expect(names(run.tests)).toEqual(['calc: TestMul']);
    expect(run.tests.passedTests).toEqual([{ name: 'TestSum', file: 'calc' }]);
    expect(run.checks).toEqual([
      expect.objectContaining({ kind: 'lint', name: 'lint', command: 'go vet ./...', status: 'passed' }),
    ]);
    expect(run.lint).toMatchObject({ exitCode: 0, failures: [] });
  });
});
