import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { AgentServiceModule } from '@patchbay/agent-runtime';
import { BusServer, InProcessBus, type BusMessage } from '@patchbay/bus';
import {
  MessagePatterns,
  type AgentReply,
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
import { newFailures } from '@patchbay/contracts';
import { eventually } from '@patchbay/testing';
import { TestingAgentModule } from './testing-agent.module';

jest.setTimeout(240_000);

const NODE_REPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'calc', version: '1.0.0', scripts: { test: 'node --test' } }, null, 2),
  // The bug the baseline must report: mul adds.
  'calc.js': 'exports.sum = (a, b) => a + b;\nexports.mul = (a, b) => a + b;\n',
  'test/calc.test.js':
    "const test = require('node:test');\nconst assert = require('node:assert');\nconst { sum, mul } = require('../calc');\n" +
    "test('adds', () => assert.strictEqual(sum(2, 3), 5));\ntest('multiplies', () => assert.strictEqual(mul(3, 4), 12));\n",
};

const PYTHON_REPO: Record<string, string> = {
  'calc.py': 'def mul(a, b):\n    return a + b\n',
  'tests/test_calc.py':
    'from calc import mul\n\ndef test_mul():\n    assert mul(3, 4) == 12\n\ndef test_mul_zero():\n    assert mul(3, 0) == 0\n',
};

/**
 * The testing agent as it runs in production: a Nest microservice consuming its queue from the
 * bus, the real sandbox service over HTTP, and gVisor containers with no network.
 */
describe('testing agent against a real gVisor sandbox', () => {
  let sandboxApp: INestApplication;
  let sandbox: SandboxClient;
  let agent: INestApplication;
  const bus = new InProcessBus({ maxAttempts: 1, initialDelayMs: 10 });
  const replies = new Map<string, AgentReply>();
  const events: NewTaskEvent[] = [];
  const repos: BareRepoFixture[] = [];
  const sandboxes: string[] = [];

  beforeAll(async () => {
    sandboxApp = await createSandboxApplication(sandboxTestConfig(), { logger: false });
    await sandboxApp.listen(0, '127.0.0.1');
    sandbox = new SandboxClient({ baseUrl: await sandboxApp.getUrl(), token: TEST_SANDBOX_TOKEN });

    // Stand-ins for the supervisor and the gateway: they only collect what the agent sends.
    await bus.consume(
      'supervisor',
      new Map([
        [
          MessagePatterns.AgentReplied,
          async (m: BusMessage) => void replies.set((m.payload as AgentReply).requestId, m.payload as AgentReply),
        ],
      ]),
    );
    await bus.consume(
      'gateway',
      new Map([
        [MessagePatterns.TaskEventRaised, async (m: BusMessage) => void events.push(m.payload as NewTaskEvent)],
      ]),
    );

    agent = await NestFactory.create(
      AgentServiceModule.forRoot({
        bus,
        features: [TestingAgentModule.forRoot({ sandbox, timeouts: { testTimeoutMs: 120_000 } })],
      }),
      { logger: false },
    );
    agent.connectMicroservice<MicroserviceOptions>({ strategy: new BusServer(bus, ['testing-agent']) });
    await agent.startAllMicroservices();
    await agent.init();
  });

  afterAll(async () => {
    await Promise.allSettled(sandboxes.map((id) => sandbox.destroy(id)));
    await agent?.close();
    await sandboxApp?.close();
    await Promise.all(repos.map((repo) => repo.cleanup()));
  });

  async function sandboxWith(
    files: Record<string, string>,
    image: string,
  ): Promise<{ taskId: string; sandboxId: string }> {
    const repo = await createBareRepo(files);
    repos.push(repo);
    const taskId = randomUUID();
    const info = await sandbox.create({ taskId, image, source: { kind: 'local-bare', path: repo.path } });
    sandboxes.push(info.id);
    return { taskId, sandboxId: info.id };
  }

  function replyTo(requestId: string, timeoutMs: number): Promise<AgentReply> {
    return eventually(
      () => {
        const reply = replies.get(requestId);
        if (!reply) throw new Error('no reply yet');
        return reply;
      },
      { description: `the testing agent replies to ${requestId}`, timeoutMs },
    );
  }

  async function validate(command: Omit<RunValidationCommand, 'requestId'>): Promise<ValidationResult> {
    const requestId = `validate-${randomUUID()}`;
    await bus.publish(MessagePatterns.RunValidation, { ...command, requestId });
    const reply = await replyTo(requestId, 200_000);
    if (!reply.ok) throw new Error(`validation failed: ${JSON.stringify(reply.error)}`);
    return reply.result as ValidationResult;
  }

  it('node:test: the baseline reports the failing test, the fix clears it, a newly broken test is new', async () => {
    const { taskId, sandboxId } = await sandboxWith(NODE_REPO, 'node');

    const baseline = await validate({ taskId, sandboxId, phase: 'baseline' });
    expect(baseline.tests).toMatchObject({
      framework: 'node:test',
      command: 'node --test-reporter=tap --test',
      exitCode: 1,
      passed: 1,
      failed: 1,
      skipped: 0,
    });
    expect(baseline.tests.failures).toEqual([
      { name: 'multiplies', file: 'test/calc.test.js', message: expect.stringContaining('7 !== 12') },
    ]);
    expect(baseline.lint).toBeNull();

    await sandbox.writeFile(sandboxId, 'calc.js', 'exports.sum = (a, b) => a + b;\nexports.mul = (a, b) => a * b;\n');
    const fixed = await validate({ taskId, sandboxId, phase: 'after' });
    expect(fixed.tests).toMatchObject({ exitCode: 0, passed: 2, failed: 0, failures: [] });
    expect(newFailures(baseline.tests, fixed.tests)).toEqual([]);

    await sandbox.writeFile(sandboxId, 'calc.js', 'exports.sum = (a, b) => a - b;\nexports.mul = (a, b) => a * b;\n');
    const broken = await validate({ taskId, sandboxId, phase: 'after' });
    expect(newFailures(baseline.tests, broken.tests).map((f) => [f.name, f.file])).toEqual([
      ['adds', 'test/calc.test.js'],
    ]);

    const forTask = events.filter((e) => e.taskId === taskId);
    expect(forTask.map((e) => `${e.type}:${'phase' in e.payload ? String(e.payload.phase) : ''}`)).toEqual([
      'command_executed:baseline',
      'test_results:baseline',
      'command_executed:after',
      'test_results:after',
      'command_executed:after',
      'test_results:after',
    ]);
    expect(forTask[0].payload).toMatchObject({
      command: 'node --test-reporter=tap --test',
      exitCode: 1,
      output: expect.stringContaining('not ok 2 - multiplies'),
    });
    expect(forTask[1].payload).toMatchObject({
      passed: 1,
      failed: 1,
      failures: [{ name: 'multiplies', file: 'test/calc.test.js' }],
    });
  });

  it('pytest: failures come from the JUnit report, and running the tests leaves nothing in the diff', async () => {
    const { taskId, sandboxId } = await sandboxWith(PYTHON_REPO, 'python');

    const baseline = await validate({ taskId, sandboxId, phase: 'baseline' });
    expect(baseline.tests).toMatchObject({ framework: 'pytest', exitCode: 1, passed: 0, failed: 2 });
    expect(baseline.tests.failures.map((f) => [f.name, f.file])).toEqual([
      ['test_mul', 'tests/test_calc.py'],
      ['test_mul_zero', 'tests/test_calc.py'],
    ]);
    expect(baseline.tests.failures[0].message).toContain('assert 7 == 12');

    await sandbox.writeFile(sandboxId, 'calc.py', 'def mul(a, b):\n    return a * b\n');
    const after = await validate({ taskId, sandboxId, phase: 'after' });
    expect(after.tests).toMatchObject({ exitCode: 0, passed: 2, failed: 0 });
    expect(newFailures(baseline.tests, after.tests)).toEqual([]);
    // No report, .pytest_cache or __pycache__ may end up in the change the task proposes.
    expect((await sandbox.diff(sandboxId)).files.map((f) => f.path)).toEqual(['calc.py']);
  });

  it('a repository with no way to run its tests gets a user-correctable failure', async () => {
    const { taskId, sandboxId } = await sandboxWith({ 'README.md': '# docs only\n' }, 'base');
    const requestId = `validate-${randomUUID()}`;
    await bus.publish(MessagePatterns.RunValidation, { requestId, taskId, sandboxId, phase: 'baseline' });
    expect(await replyTo(requestId, 60_000)).toMatchObject({
      ok: false,
      error: {
        category: 'user_correctable',
        recoverable: true,
        message: expect.stringContaining('No test command found'),
      },
    });
  });
});
