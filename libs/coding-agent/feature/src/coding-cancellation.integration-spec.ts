import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { ChatOpenAI } from '@langchain/openai';
import type { INestApplication } from '@nestjs/common';
import { TaskCancellations } from '@patchbay/agent-runtime';
import { RabbitMqBus } from '@patchbay/bus';
import { BroadcastPatterns, type RunCodingStepCommand, type TaskCancelledNotice } from '@patchbay/contracts';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication, loadSandboxConfig } from '@patchbay/sandbox-runtime';
import {
  eventually,
  testAmqpUrl,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
} from '@patchbay/testing';
import { runCodingLoop } from './coding-loop';
import { DirectorySandbox } from './testing/directory-sandbox';
import type { ToolReporter } from './tools/coding-tools';

/** How soon a cancellation must stop the agent's work (issue 15). */
const STOP_WITHIN_MS = 1_000;

/**
 * Cancellation end to end below the supervisor: the gateway's notice crosses the real RabbitMQ
 * broadcast exchange to the coding agent's TaskCancellations, which aborts the coding loop's model
 * call and its command in a real gVisor sandbox, whose service kills the command's processes.
 */
describe('cancelling a task stops the coding agent within a second', () => {
  const token = `coding-cancel-${randomUUID()}`;
  const logs: Array<Record<string, unknown>> = [];
  const logger = {
    log: (message: unknown) => void logs.push(message as Record<string, unknown>),
    warn: () => undefined,
    error: () => undefined,
  };
  let repository: DirectorySandbox;
  let bare: string;
  let app: INestApplication;
  let client: SandboxClient;
  let sandboxId: string;
  let model: FakeChatCompletionsServer;
  let agentBus: RabbitMqBus;
  let gatewayBus: RabbitMqBus;
  let cancellations: TaskCancellations;

  const command = (taskId: string): RunCodingStepCommand => ({
    requestId: randomUUID(),
    taskId,
    organisationId: randomUUID(),
    userId: randomUUID(),
    sandboxId,
    prompt: 'Wait for the slow build',
    round: 1,
    constraints: {},
    plan: {
      summary: 'Run the slow build',
      steps: [{ id: '1', title: 'Run it', detail: '', files: [] }],
      targetTests: [],
    },
  });
  const cancel = (taskId: string) => {
    const notice: TaskCancelledNotice = { taskId, cancelledBy: randomUUID(), at: new Date().toISOString() };
    return gatewayBus.broadcast(BroadcastPatterns.TaskCancelled, notice);
  };
  /** Processes in the sandbox running the marker command, read from /proc (no tool the image may lack). */
  const runningSleeps = async (marker: string) => {
    const result = await client.exec(sandboxId, {
      command: `for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done | grep -c '^sleep ${marker}' || true`,
      timeoutMs: 10_000,
    });
    return Number(result.stdout.trim());
  };
  const until = (description: string, condition: () => Promise<boolean> | boolean, timeoutMs: number) =>
    eventually(
      async () => {
        if (!(await condition())) throw new Error('not yet');
      },
      { description, timeoutMs, intervalMs: 50 },
    );
  const chatModel = () =>
    new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'sk-test-local',
      configuration: { baseURL: model.baseUrl },
      maxRetries: 0,
    });

  beforeAll(async () => {
    repository = new DirectorySandbox({ 'README.md': '# slow\n' });
    repository.diffTo({}); // commits the files: the sandbox clones HEAD
    bare = `${repository.root}.git`;
    execFileSync('git', ['clone', '-q', '--bare', repository.root, bare]);
    const config = loadSandboxConfig({
      SANDBOX_TOKEN: token,
      SANDBOX_INSTANCE_ID: `coding-cancel-${randomUUID().slice(0, 8)}`,
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_EGRESS_PROXY_PORT: '0',
      SANDBOX_REPO_ROOTS: os.tmpdir(),
    });
    app = await createSandboxApplication(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    client = new SandboxClient({
      baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
      token,
    });
    sandboxId = (await client.create({ taskId: 'coding-cancel-spec', source: { kind: 'local-bare', path: bare } })).id;
    model = await startFakeChatCompletionsServer();
    agentBus = new RabbitMqBus(testAmqpUrl());
    gatewayBus = new RabbitMqBus(testAmqpUrl());
    cancellations = new TaskCancellations(agentBus, logger, 'coding-agent');
    await cancellations.listen();
  }, 180_000);

  afterAll(async () => {
    await agentBus?.close();
    await gatewayBus?.close();
    await model?.close();
    if (sandboxId) await client.destroy(sandboxId).catch(() => undefined);
    await app?.close();
    repository?.remove();
    if (bare) rmSync(bare, { recursive: true, force: true });
  });

  it('kills the running command, ends the loop and acknowledges, and reports nothing after the cancellation', async () => {
    const taskId = randomUUID();
    const marker = String(300 + Math.floor(Math.random() * 600));
    model.enqueue({
      kind: 'tool_calls',
      toolCalls: [{ name: 'run_command', arguments: { command: `sleep ${marker}` } }],
    });
    const reported: string[] = [];
    const reporter: ToolReporter = {
      fileModified: async (path) => void reported.push(path),
      commandExecuted: async (ran) => void reported.push(ran),
    };
    const work = cancellations.begin(taskId);
    const loop = runCodingLoop(chatModel(), client, command(taskId), reporter, {
      stepBudget: 5,
      isCancelled: async () => false,
      signal: work.signal,
    }).finally(() => work.end());
    await until('the command runs in the sandbox', async () => (await runningSleeps(marker)) === 1, 30_000);

    const cancelledAt = Date.now();
    await cancel(taskId);
    const result = await loop;
    const loopStoppedAfter = Date.now() - cancelledAt;
    await until('the command is killed', async () => (await runningSleeps(marker)) === 0, STOP_WITHIN_MS * 3);
    const execStoppedAfter = Date.now() - cancelledAt;

    expect(result.stoppedBecause).toBe('cancelled');
    expect(loopStoppedAfter).toBeLessThan(STOP_WITHIN_MS);
    // Measured after the extra exec that looked, which itself takes a few hundred ms under gVisor.
    expect(execStoppedAfter).toBeLessThan(STOP_WITHIN_MS + 1_000);
    const acknowledgement = logs.find((entry) => entry['taskId'] === taskId);
    expect(acknowledgement).toMatchObject({
      msg: 'task cancelled; in-flight work aborted',
      agent: 'coding-agent',
      aborted: 1,
    });
    expect(acknowledgement?.['afterMs']).toBeLessThan(STOP_WITHIN_MS);
    // The model is not asked again and no command or edit is reported after the cancellation.
    expect(model.requests).toHaveLength(1);
    expect(reported).toEqual([]);
    // The sandbox stays usable for the task's other work (and its own teardown).
    expect((await client.exec(sandboxId, { command: 'echo alive', timeoutMs: 10_000 })).stdout.trim()).toBe('alive');
  }, 60_000);

  it('aborts a model call that is waiting for its answer', async () => {
    const taskId = randomUUID();
    const asked = model.requests.length;
    model.enqueue({ kind: 'hang' });
    const work = cancellations.begin(taskId);
    const loop = runCodingLoop(
      chatModel(),
      client,
      command(taskId),
      { fileModified: async () => undefined, commandExecuted: async () => undefined },
      { stepBudget: 5, isCancelled: async () => false, signal: work.signal },
    ).finally(() => work.end());
    await until('the loop calls the model', () => model.requests.length > asked, 10_000);

    const cancelledAt = Date.now();
    await cancel(taskId);
    const result = await loop;
    expect(result.stoppedBecause).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(STOP_WITHIN_MS);
    await until(
      'the model request is abandoned',
      () => model.requests[model.requests.length - 1]?.abandonedByClient === true,
      STOP_WITHIN_MS,
    );
  }, 60_000);

  it('starts work for an already cancelled task aborted', async () => {
    const taskId = randomUUID();
    await cancel(taskId);
    await until('the task is known as cancelled', () => cancellations.isCancelled(taskId), STOP_WITHIN_MS);
    const asked = model.requests.length;
    const work = cancellations.begin(taskId);
    const result = await runCodingLoop(
      chatModel(),
      client,
      command(taskId),
      { fileModified: async () => undefined, commandExecuted: async () => undefined },
      { stepBudget: 5, isCancelled: async () => false, signal: work.signal },
    );
    work.end();
    expect(result.stoppedBecause).toBe('cancelled');
    expect(model.requests.length).toBe(asked);
  }, 30_000);
});
