import { Logger } from '@nestjs/common';
import { AgentFailure } from '@patchbay/agent-runtime';
import type { MessageBus } from '@patchbay/bus';
import {
  eventsOfType,
  type ExecRequest,
  type ExecResult,
  type NewTaskEvent,
  type RunValidationCommand,
} from '@patchbay/contracts';
import { SandboxApiError, type SandboxClient } from '@patchbay/sandbox-client';
import { REPORT_PATHS } from './test-command-detection';
import { readFixture } from './testing/fixtures';
import { EVENT_OUTPUT_MAX_BYTES, outputSnippet, ValidationRunner } from './validation-runner.service';

const TASK_ID = '0b5c7f5e-3d1a-4d8e-9a53-4f1f7a2b9c10';

function execResult(overrides: Partial<ExecResult> = {}): ExecResult {
  return {
    exitCode: 0,
    stdout: '',
    stderr: '',
    durationMs: 12,
    timedOut: false,
    killedProcesses: 0,
    oomKilled: false,
    pidsLimitReached: false,
    truncated: false,
    sandboxState: 'running',
    ...overrides,
  };
}

/** A sandbox holding `files`, answering each command with `respond`. */
function fakeSandbox(files: Record<string, string>, respond: (request: ExecRequest) => ExecResult) {
  const commands: ExecRequest[] = [];
  const sandbox = {
    list: async () => ({
      path: '.',
      truncated: false,
      entries: Object.keys(files).map((path) => ({ path, type: 'file' as const })),
    }),
    readFile: async (_id: string, path: string) => ({
      path,
      content: files[path],
      totalLines: 1,
      startLine: 1,
      endLine: 1,
    }),
    exec: async (_id: string, request: ExecRequest) => {
      commands.push(request);
      return respond(request);
    },
  };
  return { sandbox: sandbox as unknown as SandboxClient, commands };
}

function recordingBus() {
  const events: NewTaskEvent[] = [];
  const bus: MessageBus = {
    publish: async (_pattern, payload) => void events.push(payload as NewTaskEvent),
    consume: async () => undefined,
    broadcast: async () => undefined,
    subscribe: async () => undefined,
    isReady: async () => true,
    close: async () => undefined,
  };
  return { bus, events };
}

const request = (phase: 'baseline' | 'after', overrides: Partial<RunValidationCommand> = {}): RunValidationCommand => ({
  requestId: `r-${phase}`,
  taskId: TASK_ID,
  sandboxId: 'sbx-1',
  phase,
  ...overrides,
});
const JEST_REPO = { 'package.json': JSON.stringify({ scripts: { test: 'jest' } }), 'package-lock.json': '{}' };
const timeouts = { testTimeoutMs: 60_000, lintTimeoutMs: 30_000 };

describe('ValidationRunner', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('runs the detected command, reads its report from the sandbox and announces command and results', async () => {
    const report = Buffer.from(readFixture('jest-report.json')).toString('base64');
    const { sandbox, commands } = fakeSandbox(JEST_REPO, ({ command }) => {
      if (command.startsWith('cat -- ')) return execResult({ stdout: report });
      if (command.startsWith('npm test'))
        return execResult({
          exitCode: 1,
          stderr: `${'ü'.repeat(3_000)}\nTests: 3 failed, 1 skipped, 2 passed`,
          durationMs: 1234.4,
        });
      return execResult();
    });
    const { bus, events } = recordingBus();
    const result = await new ValidationRunner(sandbox, bus, timeouts).run(request('baseline'));

    expect(commands.map((c) => c.command)).toEqual([
      `rm -f -- ${REPORT_PATHS.jest}`,
      `npm test -- --json --outputFile=${REPORT_PATHS.jest} --bail=0`,
      `cat -- ${REPORT_PATHS.jest} 2>/dev/null | tail -c +1 | head -c 614400 | base64 -w0`,
    ]);
    expect(commands[1].timeoutMs).toBe(60_000);
    expect(result.lint).toBeNull();
    expect(result.checks).toEqual([]);
    expect(result.tests).toMatchObject({
      framework: 'jest',
      exitCode: 1,
      passed: 2,
      failed: 3,
      skipped: 1,
      durationMs: 1234,
      resultDetail: 'per_test',
    });
    expect(result.tests.outputTail).toContain('Tests: 3 failed');

    expect(events.map((e) => [e.type, e.agent, e.taskId])).toEqual([
      ['command_executed', 'testing-agent', TASK_ID],
      ['test_results', 'testing-agent', TASK_ID],
    ]);
    const executed = eventsOfType(events, 'command_executed')[0].payload;
    expect(executed).toMatchObject({
      phase: 'baseline',
      purpose: 'tests',
      command: commands[1].command,
      exitCode: 1,
      durationMs: 1234.4,
      timedOut: false,
    });
    expect(Buffer.byteLength(String(executed.output))).toBeLessThanOrEqual(EVENT_OUTPUT_MAX_BYTES);
    expect(String(executed.output)).toMatch(/Tests: 3 failed, 1 skipped, 2 passed$/);
    expect(events[1].payload).toMatchObject({
      phase: 'baseline',
      passed: 2,
      failed: 3,
      skipped: 1,
      resultDetail: 'per_test',
      lint: null,
      checks: [],
    });
  });

  it('runs the lint command too and reports its problems', async () => {
    const files = { 'package.json': JSON.stringify({ scripts: { test: 'node --test', lint: 'eslint .' } }) };
    const { sandbox } = fakeSandbox(files, ({ command }) =>
      command.startsWith('node')
        ? execResult({ stdout: 'TAP version 13\nok 1 - adds\n1..1\n' })
        : execResult({ exitCode: 1, stdout: 'src/a.js:1:7: no-unused-vars x\n' }),
    );
    const { bus, events } = recordingBus();
    const result = await new ValidationRunner(sandbox, bus, timeouts).run(request('after'));
    expect(result.tests).toMatchObject({ framework: 'node:test', passed: 1, failed: 0 });
    expect(result.lint).toMatchObject({
      command: 'npm run lint',
      failed: 1,
      failures: [{ name: 'no-unused-vars x', file: 'src/a.js' }],
    });
    expect(result.checks).toEqual([
      expect.objectContaining({ kind: 'lint', name: 'lint', status: 'failed', failures: result.lint?.failures }),
    ]);
    expect(events.map((e) => `${e.type}:${'purpose' in e.payload ? String(e.payload.purpose ?? '') : ''}`)).toEqual([
      'command_executed:tests',
      'command_executed:lint',
      'test_results:',
    ]);
  });

  it('splits a compound script: a failing lint step does not stop the tests, and green tests are counted, not "none ran"', async () => {
    const files = {
      'package.json': JSON.stringify({ scripts: { test: 'pnpm lint && uvu tests', lint: 'eslint .' } }),
      'pnpm-lock.yaml': '',
    };
    const { sandbox, commands } = fakeSandbox(files, ({ command }) => {
      if (command.includes('eslint')) return execResult({ exitCode: 1, stdout: 'src/a.js:1:7: no-unused-vars x\n' });
      if (command.includes('uvu'))
        return execResult({
          stdout: 'calc.js\n• • •   (3 / 3)\n\n  Total:     3\n  Passed:    3\n  Skipped:   0\n  Duration:  2.10ms\n',
        });
      return execResult();
    });
    const { bus, events } = recordingBus();
    const result = await new ValidationRunner(sandbox, bus, timeouts).run(request('after'));
    expect(commands.map((c) => c.command)).toEqual([
      'PATH="$PWD/node_modules/.bin:$PATH" eslint .',
      'PATH="$PWD/node_modules/.bin:$PATH" uvu tests',
    ]);
    expect(result.tests).toMatchObject({
      framework: 'uvu',
      exitCode: 0,
      passed: 3,
      failed: 0,
      failures: [],
      resultDetail: 'counts',
    });
    expect(result.lint).toMatchObject({ failures: [{ name: 'no-unused-vars x' }] });
    expect(events.map((e) => `${e.type}:${'purpose' in e.payload ? String(e.payload.purpose ?? '') : ''}`)).toEqual([
      'command_executed:lint',
      'command_executed:tests',
      'test_results:',
    ]);
  });

  it('reports a pre script and a linter that is not installed as checks; the missing linter is unavailable, not a failure', async () => {
    const files = {
      'package.json': JSON.stringify({
        scripts: { pretest: 'tsc', test: 'mocha' },
        devDependencies: { eslint: '9', mocha: '10' },
      }),
      'eslint.config.js': '',
    };
    const { sandbox, commands } = fakeSandbox(files, ({ command }) => {
      if (command.includes(' tsc'))
        return execResult({
          exitCode: 2,
          stdout: "src/a.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.",
        });
      if (command.includes('mocha')) return execResult({ stdout: readFixture('mocha/report.json') });
      if (command.includes('eslint'))
        return execResult({ exitCode: 127, stderr: 'bash: line 1: eslint: command not found' });
      return execResult();
    });
    const { bus, events } = recordingBus();
    const result = await new ValidationRunner(sandbox, bus, timeouts).run(request('baseline'));
    expect(commands.map((c) => c.command.replace('PATH="$PWD/node_modules/.bin:$PATH" ', ''))).toEqual([
      'tsc',
      `rm -f -- ${REPORT_PATHS.mocha}`,
      `mocha --reporter json --reporter-option output=${REPORT_PATHS.mocha} --no-bail`,
      expect.stringMatching(/^cat -- /),
      'eslint .',
    ]);
    // The report file was not written (the fake has none), so the report came from stdout.
    expect(result.tests).toMatchObject({ framework: 'mocha', passed: 2, failed: 2 });
    expect(result.checks?.map((check) => [check.kind, check.name, check.status])).toEqual([
      ['script', 'pretest', 'failed'],
      ['lint', 'lint', 'unavailable'],
    ]);
    expect(result.checks?.[0].failures).toEqual([
      {
        name: "error TS2322: Type 'string' is not assignable to type 'number'.",
        file: 'src/a.ts',
        message: expect.any(String),
      },
    ]);
    expect(result.lint).toBeNull();
    expect(eventsOfType(events, 'test_results').at(-1)?.payload.checks).toEqual([
      expect.objectContaining({ name: 'pretest', status: 'failed', failed: 1 }),
      expect.objectContaining({
        name: 'lint',
        status: 'unavailable',
        unavailableReason: 'bash: line 1: eslint: command not found',
        failed: 0,
      }),
    ]);
  });

  it('adds up two runners of one script, each with its own report, and keeps node-tap’s cache out of the diff', async () => {
    const files = { 'package.json': JSON.stringify({ scripts: { test: 'jest && tap' } }) };
    const jestReport = Buffer.from(readFixture('jest-report.json')).toString('base64');
    const { sandbox, commands } = fakeSandbox(files, ({ command }) => {
      if (command.startsWith('cat -- ')) return execResult({ stdout: jestReport });
      if (command.includes(' tap ')) return execResult({ exitCode: 1, stdout: readFixture('node-tap/output.tap') });
      if (command.includes(' jest ')) return execResult({ exitCode: 1 });
      return execResult();
    });
    const result = await new ValidationRunner(sandbox, recordingBus().bus, timeouts).run(request('after'));
    expect(commands[0].command).toBe(
      "mkdir -p .git/info; grep -qxF '.tap/' .git/info/exclude 2>/dev/null || echo '.tap/' >> .git/info/exclude",
    );
    expect(result.tests).toMatchObject({
      framework: 'jest+tap',
      exitCode: 1,
      passed: 4,
      failed: 4,
      resultDetail: 'per_test',
    });
    expect(result.tests.command).toMatch(/jest .*; .*tap --reporter=tap --no-bail$/);
    expect(result.tests.failures.map((f) => f.name)).toContain('calc > multiplies');
  });

  it('a test run that hits the time limit is the repository’s problem on the base commit and the edit’s problem after it', async () => {
    const { sandbox } = fakeSandbox(JEST_REPO, ({ command }) =>
      command.startsWith('npm') ? execResult({ exitCode: null, timedOut: true }) : execResult(),
    );
    const runner = new ValidationRunner(sandbox, recordingBus().bus, timeouts);
    await expect(runner.run(request('baseline'))).rejects.toMatchObject({
      category: 'user_correctable',
      message: expect.stringContaining('did not finish within 60000 ms on the base commit'),
    });
    await expect(runner.run(request('after'))).rejects.toMatchObject({
      category: 'code_logic',
      message: expect.stringContaining('after the edits'),
    });
  });

  it('asks for a test command when the repository has none', async () => {
    const { sandbox } = fakeSandbox({ 'README.md': '# hi' }, () => execResult());
    const failure = await new ValidationRunner(sandbox, recordingBus().bus, timeouts)
      .run(request('baseline'))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgentFailure);
    expect(failure).toMatchObject({
      category: 'user_correctable',
      message: expect.stringContaining('No test command found'),
    });
  });

  it('an unreachable sandbox service or a vanished sandbox is transient', async () => {
    const unreachable = { list: async () => Promise.reject(new TypeError('fetch failed')) } as unknown as SandboxClient;
    await expect(
      new ValidationRunner(unreachable, recordingBus().bus, timeouts).run(request('baseline')),
    ).rejects.toMatchObject({
      category: 'transient',
      message: 'sandbox service unreachable: fetch failed',
    });
    const gone = {
      list: async () => Promise.reject(new SandboxApiError(404, 'Not Found', 'sandbox "sbx-1" does not exist')),
    } as unknown as SandboxClient;
    await expect(
      new ValidationRunner(gone, recordingBus().bus, timeouts).run(request('baseline')),
    ).rejects.toMatchObject({ category: 'transient' });
  });

  it('runs the commands from the repository settings instead of detecting', async () => {
    const { sandbox, commands } = fakeSandbox(JEST_REPO, () => execResult({ stdout: 'ok' }));
    const result = await new ValidationRunner(sandbox, recordingBus().bus, timeouts).run(
      request('after', { testCommand: 'make test', lintCommand: null }),
    );
    expect(commands.map((c) => c.command)).toEqual(['make test']);
    // Nothing in the output could be read: zero counts that say so, not "no tests ran".
    expect(result.tests).toMatchObject({ framework: 'custom', passed: 0, failed: 0, resultDetail: 'exit_code' });
    const { sandbox: quiet, commands: ran } = fakeSandbox(JEST_REPO, () => execResult());
    await new ValidationRunner(quiet, recordingBus().bus, timeouts).run(
      request('after', { lintMode: 'command', lintCommand: 'npm run lint:ci' }),
    );
    expect(ran.map((c) => c.command).at(-1)).toBe('npm run lint:ci');
  });
});

describe('outputSnippet', () => {
  it('keeps the end of the output within 2 KB even for multi-byte text', () => {
    const snippet = outputSnippet({ stdout: '€'.repeat(5_000), stderr: 'the end' });
    expect(Buffer.byteLength(snippet)).toBeLessThanOrEqual(2_048);
    expect(snippet.endsWith('the end')).toBe(true);
  });
});
