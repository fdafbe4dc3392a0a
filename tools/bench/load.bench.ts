/**
 * Load benchmark (issue 19): N scripted greeter tasks started at once, end to end through the
 * whole platform on this host — gateway, supervisor, agents, gVisor sandboxes, Postgres, and the
 * RabbitMQ bus — with one WebSocket client subscribed to every task. For each N it reports how
 * many completed, time per task, event latency to the WebSocket client, RabbitMQ queue depths,
 * process memory, sandboxes active and queued (SANDBOX_MAX_ACTIVE), model calls queued
 * (MODEL_MAX_CONCURRENCY) and where each task's time went. Writes reports/load-bench.json and a
 * block in docs/performance.md.
 *
 * Needs a RabbitMQ vhost of its own (its queues must not be consumed by anything else):
 *   rabbitmqctl add_vhost patchbay_load_bench && rabbitmqctl set_permissions -p patchbay_load_bench guest '.*' '.*' '.*'
 *
 * Usage: npm run bench:load [-- --tasks 10,50,100 --max-sandboxes 16 --model-concurrency 8]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { RabbitMqBus } from '@patchbay/bus';
import { MessagePatterns, serviceQueue, SERVICE_NAMES, type MessagePattern, type TaskEvent } from '@patchbay/contracts';
import type { PublishOptions } from '@patchbay/bus';
import { metricsRegistry } from '@patchbay/observability';
import { connectTaskEventSocket, startPlatformTestApp, webSocketUrlOf, type PlatformTestApp } from '@patchbay/testing';
import { connect } from 'amqplib';
import {
  benchDatabaseUrl,
  freshBenchDatabase,
  numberArgument,
  quantile,
  stringArgument,
  writeJsonReport,
  writeMeasuredBlock,
} from './bench-support';
import { greeterBenchScript, prepareGreeterBench, startGreeterTask, taskFailure } from './greeter-bench-task';
import { enteredAt, stageTimes } from './stage-times';

const DATABASE = 'patchbay_load_bench';
const AMQP_URL = process.env['BENCH_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672/patchbay_load_bench';
const SAMPLE_EVERY_MS = 1000;
/** A round that has not finished by then has failed: the report says which tasks were left. */
const ROUND_TIMEOUT_MS = numberArgument('round-timeout-s', 30 * 60) * 1000;

/**
 * The bus the platform runs on, noting when each agent published an event: agents publish
 * `command_executed` right after the sandbox command returned, so that moment is where the
 * event's latency starts (its stored `at` is later, when the gateway wrote it).
 */
class TimedRabbitMqBus extends RabbitMqBus {
  /** Publish times of agent-raised events, per `taskId type`, in publish order. */
  readonly published = new Map<string, number[]>();

  override async publish(pattern: MessagePattern, payload: unknown, options?: PublishOptions): Promise<void> {
    if (pattern === MessagePatterns.TaskEventRaised) {
      const { taskId, type } = payload as { taskId: string; type: string };
      const key = `${taskId} ${type}`;
      this.published.set(key, [...(this.published.get(key) ?? []), Date.now()]);
    }
    return super.publish(pattern, payload, options);
  }
}

interface Sample {
  atMs: number;
  rssMb: number;
  heapUsedMb: number;
  sandboxesActive: number;
  sandboxesWaiting: number;
  modelCallsActive: number;
  modelCallsWaiting: number;
  /** The host's 1-minute load average: how busy the machine was is part of every figure. */
  loadAverage: number;
  queues: Record<string, number>;
}

interface TaskRun {
  taskId: string;
  startedAt: number;
  finishedAt?: number;
  status?: 'completed' | 'failed';
  /** When the subscribe was sent: events stored before it are replays, not live deliveries. */
  subscribedAt: number;
}

async function main(): Promise<void> {
  const rounds = (stringArgument('tasks') ?? '10,50,100').split(',').map(Number);
  const maxSandboxes = stringArgument('max-sandboxes');
  const modelConcurrency = stringArgument('model-concurrency');
  await freshBenchDatabase(DATABASE);
  const amqp = await connect(AMQP_URL).catch((error: unknown) => {
    throw new Error(
      `cannot reach ${AMQP_URL} (${String(error)}); create the vhost: rabbitmqctl add_vhost patchbay_load_bench && ` +
        `rabbitmqctl set_permissions -p patchbay_load_bench guest '.*' '.*' '.*'`,
    );
  });
  await purgeServiceQueues(amqp);
  const bus = new TimedRabbitMqBus(AMQP_URL);
  const platform = await startPlatformTestApp({
    databaseUrl: benchDatabaseUrl(DATABASE),
    script: greeterBenchScript('load benchmark'),
    bus,
    modelEnv: modelConcurrency ? { MODEL_MAX_CONCURRENCY: modelConcurrency } : {},
    sandboxEnv: maxSandboxes ? { SANDBOX_MAX_ACTIVE: maxSandboxes } : {},
    // The production defaults (CODING_TIMEOUT_MS, VALIDATION_TIMEOUT_MS, PUBLISH_TIMEOUT_MS), not
    // the test app's short ones: under load a request waits in its agent's queue first.
    timeouts: { codingMs: 30 * 60_000, validationMs: 20 * 60_000, publishMs: 5 * 60_000 },
  });
  await platform.app.listen(0, '127.0.0.1');
  try {
    const auth = await prepareGreeterBench(platform, Math.max(...rounds));
    const results: Awaited<ReturnType<typeof runRound>>[] = [];
    const measuredAt = new Date().toISOString();
    const loadBefore = loadavg()[0] ?? 0;
    for (const tasks of rounds) {
      results.push(await runRound(platform, bus, amqp, auth, tasks));
      // After every round, so a long run that is stopped keeps what it measured.
      await writeReport(measuredAt, loadBefore, results, maxSandboxes, modelConcurrency);
      await sandboxesDrained(platform);
    }
    const incomplete = results.filter((r) => r.completed !== r.tasks);
    if (incomplete.length > 0)
      throw new Error(`not every task completed: ${incomplete.map((r) => `${r.completed}/${r.tasks}`).join(', ')}`);
  } finally {
    await platform.closeAll();
    await amqp.close().catch(() => undefined);
  }
}

async function writeReport(
  measuredAt: string,
  loadBefore: number,
  results: Awaited<ReturnType<typeof runRound>>[],
  maxSandboxes: string | undefined,
  modelConcurrency: string | undefined,
): Promise<void> {
  const report = {
    measuredAt,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB`,
    settings: {
      SANDBOX_MAX_ACTIVE: maxSandboxes ?? 'default (16)',
      MODEL_MAX_CONCURRENCY: modelConcurrency ?? 'default (8)',
      bus: 'rabbitmq',
    },
    rounds: results,
  };
  await writeJsonReport(resolve(__dirname, '../../reports/load-bench.json'), report);
  await writeMeasuredBlock('load-bench', '## Load (`npm run bench:load`)', {
    measured:
      `Measured ${measuredAt} on ${report.machine}; scripted model; RabbitMQ bus; SANDBOX_MAX_ACTIVE ${report.settings.SANDBOX_MAX_ACTIVE}, MODEL_MAX_CONCURRENCY ${report.settings.MODEL_MAX_CONCURRENCY}; ` +
      `host load average (1 min) ${loadBefore.toFixed(1)} before the first round, peak ${results.map((r) => `${r.peaks.loadAverage.toFixed(1)} (${r.tasks} at once)`).join(', ')}.`,
    summary: results
      .map((r) => `${r.tasks} at once: ${r.completed}/${r.tasks} completed in ${s(r.wallMs)} s`)
      .join('; '),
    table: renderTables(results),
  });
  console.error(JSON.stringify({ ...results.at(-1), samples: undefined }, null, 2));
}

async function runRound(
  platform: PlatformTestApp,
  bus: TimedRabbitMqBus,
  amqp: Awaited<ReturnType<typeof connect>>,
  auth: { authorization: string },
  tasks: number,
) {
  const socket = await connectTaskEventSocket(
    await webSocketUrlOf(platform),
    `token=${auth.authorization.replace(/^Bearer /, '')}`,
  );
  const runs = new Map<string, TaskRun>();
  const received: Array<{ event: TaskEvent; receivedAt: number }> = [];
  let settle: () => void = () => undefined;
  const allDone = new Promise<void>((resolveAll) => (settle = resolveAll));
  socket.socket.on('message', (raw) => {
    const receivedAt = Date.now();
    const message = JSON.parse(String(raw)) as { event: string; data: TaskEvent };
    if (message.event !== 'task_event') return;
    const run = runs.get(message.data.taskId);
    if (!run) return;
    received.push({ event: message.data, receivedAt });
    if (message.data.type === 'status_changed' && !run.status) {
      const to = message.data.payload['to'];
      if (to === 'completed' || to === 'failed') {
        run.status = to;
        run.finishedAt = receivedAt;
        if ([...runs.values()].filter((r) => r.status).length === tasks) settle();
      }
    }
  });

  const samples: Sample[] = [];
  let skippedSamples = 0;
  const slotWaitBefore = await slotWaitTotals(platform);
  const roundStart = Date.now();
  let sampling = false;
  let ticks = 0;
  const sampler = setInterval(() => {
    // One sample at a time: on a saturated host a sample can take longer than the interval.
    if (sampling) return;
    sampling = true;
    // A sample the busy host could not take (a refused connection) is skipped, not the run's end.
    void sample(platform, amqp, roundStart)
      .then(
        (one) => samples.push(one),
        () => skippedSamples++,
      )
      .finally(() => (sampling = false));
    if (++ticks % 15 === 0) {
      const finished = [...runs.values()].filter((run) => run.status).length;
      console.error(`${tasks} at once: ${finished}/${tasks} finished after ${s(Date.now() - roundStart)} s`);
    }
  }, SAMPLE_EVERY_MS);

  // All N at once: the POSTs go out together, and each task's subscription right after its 201.
  await Promise.all(
    Array.from({ length: tasks }, async () => {
      const startedAt = Date.now();
      const taskId = await startGreeterTask(platform, auth);
      const run: TaskRun = { taskId, startedAt, subscribedAt: Date.now() };
      runs.set(taskId, run);
      socket.socket.send(JSON.stringify({ event: 'subscribe', data: { taskId, after: 0 } }));
    }),
  );
  const timedOut = await Promise.race([
    allDone.then(() => false),
    new Promise<boolean>((done) => setTimeout(() => done(true), ROUND_TIMEOUT_MS).unref()),
  ]);
  const wallMs = Date.now() - roundStart;
  clearInterval(sampler);
  socket.socket.close();

  const failures: string[] = [];
  for (const run of runs.values()) {
    if (run.status === 'failed') failures.push((await taskFailure(platform, auth, run.taskId)).message);
    else if (!run.status) failures.push(`task ${run.taskId} had not finished after ${s(ROUND_TIMEOUT_MS)} s`);
  }
  const done = [...runs.values()].filter((run) => run.status === 'completed');
  const perTask = done.map((run) => (run.finishedAt ?? 0) - run.startedAt);

  // Event latency: agent-raised events from their publish (right after the sandbox command), the
  // supervisor's own from their stored `at`; both to receipt on the WebSocket client.
  const agentLatency: number[] = [];
  const supervisorLatency: number[] = [];
  const commandLatency: number[] = [];
  const seen = new Map<string, number>();
  for (const { event, receivedAt } of received) {
    const run = runs.get(event.taskId);
    if (!run) continue;
    const key = `${event.taskId} ${event.type}`;
    const published = bus.published.get(key);
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const stored = Date.parse(event.at);
    if (stored < run.subscribedAt) continue; // replayed on subscribe, not delivered live
    if (event.agent !== 'supervisor' && published && published[nth] !== undefined) {
      agentLatency.push(receivedAt - published[nth]);
      if (event.type === 'command_executed') commandLatency.push(receivedAt - published[nth]);
    } else {
      supervisorLatency.push(receivedAt - stored);
    }
  }
  const allLatency = [...agentLatency, ...supervisorLatency];

  const stageMs = await stageBreakdown(platform, auth, done);
  const maxOf = (pick: (x: Sample) => number) => Math.max(0, ...samples.map(pick));
  const queueNames = [...new Set(samples.flatMap((x) => Object.keys(x.queues)))];
  return {
    tasks,
    completed: done.length,
    timedOut,
    failures: failures.slice(0, 10),
    wallMs,
    perTaskMs: {
      p50: quantile(perTask, 0.5),
      p90: quantile(perTask, 0.9),
      max: Math.max(0, ...perTask),
      min: Math.min(...perTask),
    },
    eventLatencyMs: {
      events: allLatency.length,
      p50: quantile(allLatency, 0.5),
      p99: quantile(allLatency, 0.99),
      max: Math.max(0, ...allLatency),
      agentRaised: { events: agentLatency.length, p50: quantile(agentLatency, 0.5), p99: quantile(agentLatency, 0.99) },
      commandExecuted: {
        events: commandLatency.length,
        p50: quantile(commandLatency, 0.5),
        p99: quantile(commandLatency, 0.99),
      },
      supervisorStored: {
        events: supervisorLatency.length,
        p50: quantile(supervisorLatency, 0.5),
        p99: quantile(supervisorLatency, 0.99),
      },
    },
    stagesMs: stageMs,
    sandboxSlotWait: slotWaitSince(slotWaitBefore, await slotWaitTotals(platform)),
    peaks: {
      rssMb: maxOf((x) => x.rssMb),
      heapUsedMb: maxOf((x) => x.heapUsedMb),
      sandboxesActive: maxOf((x) => x.sandboxesActive),
      sandboxesWaiting: maxOf((x) => x.sandboxesWaiting),
      modelCallsActive: maxOf((x) => x.modelCallsActive),
      modelCallsWaiting: maxOf((x) => x.modelCallsWaiting),
      loadAverage: maxOf((x) => x.loadAverage),
      queueDepth: Object.fromEntries(queueNames.map((q) => [q, maxOf((x) => x.queues[q] ?? 0)])),
    },
    skippedSamples,
    samples,
  };
}

/** p50 and mean of the time between a task's status changes, plus analysing → "Sandbox ready" (the slot wait and the create). */
async function stageBreakdown(platform: PlatformTestApp, auth: { authorization: string }, done: TaskRun[]) {
  const spans = new Map<string, number[]>();
  const add = (name: string, ms: number) => {
    if (Number.isFinite(ms)) spans.set(name, [...(spans.get(name) ?? []), ms]);
  };
  for (const run of done) {
    const events = (await platform.http.get(`/api/v1/tasks/${run.taskId}/events`).set(auth)).body as TaskEvent[];
    add('POST → queued', enteredAt(events, 'queued') - run.startedAt);
    for (const [stages, ms] of Object.entries(stageTimes(events))) add(stages, ms);
    const ready = events.find(
      (e) => e.type === 'agent_thought' && String(e.payload['message']).startsWith('Sandbox ready'),
    );
    add('analysing → sandbox ready', Date.parse(ready?.at ?? '') - enteredAt(events, 'analysing'));
  }
  return Object.fromEntries(
    [...spans].map(([name, values]) => [
      name,
      { p50: quantile(values, 0.5), mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length) },
    ]),
  );
}

async function sample(platform: PlatformTestApp, amqp: Awaited<ReturnType<typeof connect>>, roundStart: number) {
  const memory = process.memoryUsage();
  const metrics = await fetch(`${platform.sandbox.baseUrl}/metrics`).then((r) => r.text());
  const queues: Record<string, number> = {};
  for (const service of SERVICE_NAMES) {
    const channel = await amqp.createChannel();
    // checkQueue closes the channel when the queue does not exist (a service nobody sent to yet).
    channel.on('error', () => undefined);
    try {
      queues[service] = (await channel.checkQueue(serviceQueue(service))).messageCount;
      await channel.close();
    } catch {
      // not declared yet: nothing queued
    }
  }
  return {
    atMs: Date.now() - roundStart,
    rssMb: Math.round(memory.rss / 1024 ** 2),
    heapUsedMb: Math.round(memory.heapUsed / 1024 ** 2),
    sandboxesActive: metricValue(metrics, 'patchbay_sandbox_slots_active'),
    sandboxesWaiting: metricValue(metrics, 'patchbay_sandbox_slots_waiting'),
    modelCallsActive: await gaugeValue('patchbay_model_calls_active'),
    modelCallsWaiting: await gaugeValue('patchbay_model_calls_waiting'),
    loadAverage: loadavg()[0] ?? 0,
    queues,
  } satisfies Sample;
}

async function gaugeValue(name: string): Promise<number> {
  const metric = metricsRegistry.getSingleMetric(name);
  return metric ? ((await metric.get()).values[0]?.value ?? 0) : 0;
}

function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** The sandbox service's slot-wait histogram so far (it counts from the service's start). */
async function slotWaitTotals(platform: PlatformTestApp): Promise<{ count: number; sumS: number }> {
  const text = await fetch(`${platform.sandbox.baseUrl}/metrics`).then((r) => r.text());
  return {
    count: metricValue(text, 'patchbay_sandbox_slot_wait_seconds_count'),
    sumS: metricValue(text, 'patchbay_sandbox_slot_wait_seconds_sum'),
  };
}

/** One round's creates and their wait for a slot: total and mean. */
function slotWaitSince(before: { count: number; sumS: number }, after: { count: number; sumS: number }) {
  const creates = after.count - before.count;
  const waitedS = after.sumS - before.sumS;
  return {
    creates,
    totalS: Math.round(waitedS * 10) / 10,
    meanMs: creates ? Math.round((waitedS / creates) * 1000) : 0,
  };
}

async function sandboxMetric(platform: PlatformTestApp, name: string): Promise<number> {
  return metricValue(await fetch(`${platform.sandbox.baseUrl}/metrics`).then((r) => r.text()), name);
}

/** Waits until the round's sandboxes are gone, so the next round starts from an idle host. */
async function sandboxesDrained(platform: PlatformTestApp): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await sandboxMetric(platform, 'patchbay_sandbox_slots_active')) === 0) return;
    await new Promise((done) => setTimeout(done, 500));
  }
}

/** Leftovers of an interrupted run would be consumed as this run's work. */
async function purgeServiceQueues(amqp: Awaited<ReturnType<typeof connect>>): Promise<void> {
  for (const service of SERVICE_NAMES) {
    for (const queue of [serviceQueue(service), `${serviceQueue(service)}.retry`]) {
      const channel = await amqp.createChannel();
      channel.on('error', () => undefined);
      await channel
        .purgeQueue(queue)
        .then(() => channel.close())
        .catch(() => undefined);
    }
  }
}

const s = (ms: number) => (ms / 1000).toFixed(1);

function renderTables(results: Awaited<ReturnType<typeof runRound>>[]): string {
  const stageNames = [...new Set(results.flatMap((r) => Object.keys(r.stagesMs)))];
  return [
    '| tasks at once | completed | wall (s) | per task p50 / p90 / max (s) | event latency p50 / p99 (ms) | command_executed p50 / p99 (ms) | sandboxes active / queued (peak) | model calls queued (peak) | peak queue depth | peak RSS / heap (MB) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const deepest = Object.entries(r.peaks.queueDepth).sort((a, b) => b[1] - a[1])[0];
      return `| ${r.tasks} | ${r.completed} | ${s(r.wallMs)} | ${s(r.perTaskMs.p50)} / ${s(r.perTaskMs.p90)} / ${s(r.perTaskMs.max)} | ${r.eventLatencyMs.p50} / ${r.eventLatencyMs.p99} | ${r.eventLatencyMs.commandExecuted.p50} / ${r.eventLatencyMs.commandExecuted.p99} | ${r.peaks.sandboxesActive} / ${r.peaks.sandboxesWaiting} | ${r.peaks.modelCallsWaiting} | ${deepest ? `${deepest[1]} (${deepest[0]})` : '0'} | ${r.peaks.rssMb} / ${r.peaks.heapUsedMb} |`;
    }),
    '',
    `| where a task's time goes: p50 (mean), s | ${results.map((r) => `${r.tasks} at once`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...stageNames.map(
      (name) =>
        `| ${name} | ${results.map((r) => (r.stagesMs[name] ? `${s(r.stagesMs[name].p50)} (${s(r.stagesMs[name].mean)})` : '')).join(' | ')} |`,
    ),
    `| waiting for a sandbox slot, mean per create (from the service's histogram) | ${results.map((r) => s(r.sandboxSlotWait.meanMs)).join(' | ')} |`,
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
