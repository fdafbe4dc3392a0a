import { Writable } from 'node:stream';
import type { TaskStatus } from '@patchbay/contracts';
import { queueTopology, RabbitMqBus } from '@patchbay/bus';
import { flushTracing, JsonLogger, shutdownTracing, startTracing } from '@patchbay/observability';
import {
  createGitRepository,
  eventually,
  GREETER_FIX,
  GREETER_PROJECT,
  startOtlpCollector,
  startPlatformTestApp,
  testAmqpUrl,
  uniqueName,
  waitForTaskStatus,
  type CollectedSpan,
  type OtlpCollector,
  type PlatformTestApp,
} from '@patchbay/testing';
import { connect } from 'amqplib';

const PLAN = {
  summary: 'Fix the greeting format',
  steps: [
    {
      id: '1',
      title: 'Make greet() return "Hello, <name>!"',
      detail: 'Edit the string template.',
      files: ['src/greet.js'],
    },
  ],
};

async function freshQueues(): Promise<void> {
  const connection = await connect(testAmqpUrl());
  const channel = await connection.createChannel();
  for (const service of ['supervisor', 'gateway', 'coding-agent', 'testing-agent', 'github-agent'] as const) {
    for (const queue of Object.values(queueTopology(service))) await channel.deleteQueue(queue);
  }
  await connection.close();
}

/** Span ids whose parent is not among the trace's spans (a complete trace has exactly one: its root). */
function orphansOf(spans: CollectedSpan[]): CollectedSpan[] {
  const ids = new Set(spans.map((span) => span.spanId));
  return spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
}

describe('one trace per task across gateway, bus, supervisor, agents and sandbox (OTLP/HTTP to an in-process collector, RabbitMQ, gVisor)', () => {
  let collector: OtlpCollector;
  let platform: PlatformTestApp;
  let token: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    collector = await startOtlpCollector();
    expect(startTracing('patchbay', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint })).toBe(true);
    await freshQueues();
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    platform = await startPlatformTestApp({
      bus: new RabbitMqBus(testAmqpUrl()),
      logger: new JsonLogger('patchbay', 'info', logs),
      script: {
        label: 'greeter fix, traced',
        turns: [
          { role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] },
          { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
          { role: 'coder', content: 'greet() now returns "Hello, <name>!".' },
        ],
      },
    });
    token = (await platform.login(uniqueName('admin'), uniqueName('org'))).token;
    await platform.http
      .post('/api/v1/repositories')
      .set(auth())
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await shutdownTracing();
    await collector?.close();
  });

  function auth() {
    return { authorization: `Bearer ${token}` };
  }

  const waitForStatus = (taskId: string, wanted: TaskStatus) => waitForTaskStatus(platform, auth(), taskId, wanted);

  /** Spans arrive in batches and a parent ends after its children: wait until the trace is one tree. */
  function completeTrace(traceId: string): Promise<CollectedSpan[]> {
    return eventually(
      async () => {
        await flushTracing();
        const spans = collector.spans.filter((span) => span.traceId === traceId);
        const orphans = orphansOf(spans);
        if (orphans.length !== 1)
          throw new Error(
            `${orphans.length} spans without a parent in the trace: ${orphans.map((span) => span.name).join(', ')}`,
          );
        return spans;
      },
      { description: `trace ${traceId} is one tree`, timeoutMs: 20_000, intervalMs: 250 },
    );
  }

  it('exports the task as one tree rooted at the request that created it, through both approvals', async () => {
    const created = await platform.http
      .post('/api/v1/tasks')
      .set(auth())
      .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test' })
      .expect(201);
    const taskId = created.body.id as string;
    const traceId = created.body.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    await waitForStatus(taskId, 'awaiting_plan_approval');
    await platform.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(auth()).send({}).expect(200);
    await waitForStatus(taskId, 'awaiting_diff_approval');
    await platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(auth()).expect(200);
    await waitForStatus(taskId, 'completed');
    expect((await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth()).expect(200)).body.traceId).toBe(traceId);

    const spans = await completeTrace(traceId);
    const names = spans.map((span) => `${String(span.attributes['patchbay.service'])}: ${span.name}`);

    // One tree: a single root, the gateway's server span of POST /api/v1/tasks, every other span's parent in the trace.
    const orphans = orphansOf(spans);
    expect(orphans.map((span) => span.name)).toEqual(['POST /api/v1/tasks']);
    expect(orphans[0]).toMatchObject({
      kind: 2,
      attributes: expect.objectContaining({ 'patchbay.service': 'gateway', 'http.response.status_code': 201 }),
    });

    // The bus carried the context both ways: the start command into the supervisor, requests into the agents, replies back.
    expect(names).toEqual(
      expect.arrayContaining([
        'bus: supervisor.task.start publish',
        'supervisor: supervisor.task.start process',
        'supervisor: task run',
        'supervisor: node analyse',
        'supervisor: node draft_plan',
        'supervisor: node execute',
        'supervisor: node validate',
        'supervisor: node publish',
      ]),
    );
    const consumers = new Set(
      spans.filter((span) => span.kind === 5).map((span) => span.attributes['patchbay.service']),
    );
    expect([...consumers]).toEqual(
      expect.arrayContaining(['supervisor', 'coding-agent', 'testing-agent', 'github-agent', 'gateway']),
    );
    expect(
      spans.filter((span) => span.kind === 5).every((span) => span.attributes['messaging.system'] === 'rabbitmq'),
    ).toBe(true);

    // The sandbox's server span for an exec is a child of the agent's client call, in the same trace.
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const execs = spans.filter(
      (span) =>
        span.attributes['patchbay.service'] === 'sandbox' && span.attributes['http.route'] === '/v1/sandboxes/:id/exec',
    );
    expect(execs.length).toBeGreaterThan(0);
    const client = byId.get(execs[0].parentSpanId)!;
    expect(client).toMatchObject({ kind: 3, name: 'sandbox POST /:id/exec' });

    // The nesting follows the work: the coding agent's handling sits under the execute node of a
    // task run, and a sandbox exec under the agent (or node) that asked for it.
    const ancestors = (span: CollectedSpan): string[] => {
      const names: string[] = [];
      for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId))
        names.push(`${String(parent.attributes['patchbay.service'])}: ${parent.name}`);
      return names;
    };
    const coding = spans.find((span) => span.kind === 5 && span.attributes['patchbay.service'] === 'coding-agent')!;
    expect(ancestors(coding)).toEqual(
      expect.arrayContaining(['supervisor: node execute', 'supervisor: task run', 'gateway: POST /api/v1/tasks']),
    );
    expect(ancestors(execs[0]).some((name) => name.startsWith('supervisor: node '))).toBe(true);

    // Runs started by the approvals join the task's trace and link to the approval request's own trace.
    const runs = spans.filter((span) => span.name === 'task run');
    expect(runs).toHaveLength(3);
    expect(runs.filter((run) => run.links.some((link) => link.traceId !== traceId))).toHaveLength(2);
    // Ids never leak into span names.
    expect(names.filter((name) => name.includes(taskId))).toEqual([]);

    // Log lines written inside the task's spans carry its trace id.
    const received = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['msg'] === 'task received' && line['taskId'] === taskId);
    expect(received).toMatchObject({ trace_id: traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(
      collector.requests.every(
        (request) =>
          request.path === '/v1/traces' && request.contentType.startsWith('application/json') && request.status === 200,
      ),
    ).toBe(true);
  }, 300_000);
});
