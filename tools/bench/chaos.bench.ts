/**
 * Chaos benchmark: the platform in distributed mode (every service its own process, its own
 * RabbitMQ node, its own database, its own sandbox instance id) runs a stream of scripted greeter
 * tasks — plan and diff auto-approved — while the services are killed with SIGKILL in turn at
 * seeded random moments: supervisor, each agent, gateway, sandbox service, and the broker (kill -9
 * of its VM, then a restart on the same data). Afterwards every task must have ended `completed`
 * with exactly one terminal status, each stage once, one commit, one branch and one pull request,
 * and no sandbox container of the run may be left once the reaper has run
 * (tools/bench/chaos/chaos-invariants.ts says precisely what counts as lost or duplicated).
 * Writes reports/chaos-bench.json and a block in docs/performance.md.
 *
 * Usage: npm run bench:chaos [-- --kills 24 --concurrency 3 --seed 1 --no-build]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createGitRepository, GREETER_PROJECT } from '@patchbay/testing';
import {
  benchDatabaseUrl,
  freshBenchDatabase,
  numberArgument,
  writeJsonReport,
  writeMeasuredBlock,
} from './bench-support';
import { checkChaosRun } from './chaos/chaos-invariants';
import { DistributedPlatform, freePort } from './chaos/distributed-platform';
import { planKills } from './chaos/kill-schedule';
import { isTerminal, observeTasks, sandboxContainers, taskStatuses } from './chaos/observe-tasks';
import { PatientApi } from './chaos/patient-api';
import { PrivateRabbitMq } from './chaos/private-rabbitmq';
import { TaskStream } from './chaos/task-stream';
import { greeterBenchScript } from './greeter-bench-task';

const ROOT = resolve(__dirname, '../..');
const DATABASE = 'patchbay_chaos';
const TARGETS = [
  'supervisor',
  'coding-agent',
  'testing-agent',
  'github-agent',
  'research-agent',
  'gateway',
  'sandbox',
  'broker',
] as const;
type Target = (typeof TARGETS)[number];

interface KillRecord {
  index: number;
  target: Target;
  at: string;
  /** Tasks not yet terminal at the moment of the kill, with their status. */
  inFlight: Record<string, string>;
  downMs: number;
  /** From the kill until the service (or every service, after a broker restart) was ready again. */
  recoveredMs: number;
}

async function main(): Promise<void> {
  const kills = numberArgument('kills', 24);
  const concurrency = numberArgument('concurrency', 3);
  const seed = numberArgument('seed', Date.now() % 1_000_000);
  const settleMs = numberArgument('settle-seconds', 600) * 1_000;
  if (!process.argv.includes('--no-build')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });

  await freshBenchDatabase(DATABASE);
  const databaseUrl = benchDatabaseUrl(DATABASE);
  const broker = new PrivateRabbitMq(await freePort(), await freePort());
  await broker.start();
  const instanceId = `chaos-${randomBytes(4).toString('hex')}`;
  const scriptFile = join(mkdtempSync(join(tmpdir(), 'patchbay-chaos-script-')), 'script.json');
  writeFileSync(scriptFile, JSON.stringify(greeterBenchScript('chaos benchmark')));
  const platform = await DistributedPlatform.create({
    databaseUrl,
    amqpUrl: broker.url,
    sandboxInstanceId: instanceId,
    scriptedModelFile: scriptFile,
    // A quick reaper, so the end of the run does not wait 30 s per pass.
    extraEnv: { sandbox: { SANDBOX_REAPER_INTERVAL_MS: '5000' } },
  });
  const startedAt = Date.now();
  try {
    await platform.startAll();
    const api = new PatientApi(platform.apiUrl);
    const session = await api.request<{ token: string; user: { id: string } }>(
      'POST',
      '/auth/dev-login',
      { login: 'chaos', organisation: 'chaos' },
      { expect: 200 },
    );
    api.authorization = `Bearer ${session.token}`;
    for (const scope of ['organisation', 'user'] as const) {
      const subject = scope === 'user' ? { userId: session.user.id } : {};
      for (const [kind, limit] of [
        ['tasks_per_day', 10_000],
        ['concurrent_tasks', 100],
      ] as const)
        await api.request('PUT', '/admin/quotas', { scope, ...subject, kind, limit }, { expect: 200 });
    }
    await api.request(
      'POST',
      '/repositories',
      { source: 'local', fullName: 'chaos/greeter', importFrom: createGitRepository(GREETER_PROJECT) },
      { expect: 201 },
    );

    const stream = new TaskStream({
      api,
      databaseUrl,
      concurrency,
      body: {
        repository: 'chaos/greeter',
        prompt: 'Fix the failing greeting test',
        autoApprove: { plan: true, diff: true },
      },
      taskTimeoutMs: settleMs,
    });
    stream.start();

    const plan = planKills({
      seed,
      kills,
      targets: TARGETS,
      gapMs: { min: 4_000, max: 15_000 },
      downMs: { min: 0, max: 3_000 },
    });
    const records: KillRecord[] = [];
    for (const kill of plan) {
      await sleep(kill.afterMs);
      const statuses = await taskStatuses(databaseUrl);
      const inFlight = Object.fromEntries([...statuses].filter(([, status]) => !isTerminal(status)));
      const at = Date.now();
      console.log(
        `kill ${kill.index + 1}/${plan.length}: ${kill.target} with ${Object.keys(inFlight).length} task(s) in flight`,
      );
      if (kill.target === 'broker') {
        await broker.kill9();
        await sleep(kill.downMs);
        await broker.start();
        // Every service must find its way back to the broker on its own; readiness says so.
        for (const service of platform.services.values()) await service.waitReady(120_000);
      } else {
        await platform.kill9(kill.target);
        await sleep(kill.downMs);
        await platform.service(kill.target).start();
      }
      records.push({
        index: kill.index,
        target: kill.target,
        at: new Date(at).toISOString(),
        inFlight,
        downMs: kill.downMs,
        recoveredMs: Date.now() - at,
      });
    }

    console.log('kills done; waiting for every task to finish');
    await stream.stop();
    const settleDeadline = Date.now() + settleMs;
    while (Date.now() < settleDeadline) {
      const open = [...(await taskStatuses(databaseUrl)).values()].filter((status) => !isTerminal(status));
      if (open.length === 0) break;
      await sleep(2_000);
    }
    // The reaper removes a container of its instance nobody tracks after a 120 s grace; wait that out.
    const reapDeadline = Date.now() + 180_000;
    while (Date.now() < reapDeadline && sandboxContainers(instanceId).length > 0) await sleep(5_000);

    const observations = await observeTasks(databaseUrl);
    const result = checkChaosRun({
      tasks: observations,
      expectedRounds: 1,
      sandboxesLeft: sandboxContainers(instanceId),
    });
    const report = {
      measuredAt: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      seed,
      concurrency,
      durationS: Math.round((Date.now() - startedAt) / 1000),
      kills: records,
      killsPerTarget: Object.fromEntries(TARGETS.map((t) => [t, records.filter((r) => r.target === t).length])),
      tasks: result.tasks.length,
      createdByClient: stream.created.length,
      unansweredCreates: stream.unansweredCreates,
      lost: result.lost,
      duplicated: result.duplicated,
      sandboxesLeft: result.sandboxesLeft,
      passed: result.passed,
      verdicts: result.tasks,
    };
    await writeJsonReport(join(ROOT, 'reports', 'chaos-bench.json'), report);
    const recovered = records.map((r) => r.recoveredMs).sort((a, b) => a - b);
    await writeMeasuredBlock('chaos-bench', '## Chaos (`npm run bench:chaos`)', {
      measured: `Measured ${report.measuredAt} on ${report.machine}; seed ${seed}, ${concurrency} tasks at once, ${report.durationS} s; a shared, noisy VM.`,
      summary: `${records.length} kills -9 (${TARGETS.map((t) => `${t} ${report.killsPerTarget[t]}`).join(', ')}) while tasks ran; ${result.tasks.length} tasks: **${result.lost} lost, ${result.duplicated} duplicated**, ${result.sandboxesLeft.length} sandbox(es) left after the reaper — ${result.passed ? 'passed' : 'FAILED'}.`,
      table: [
        '| measurement | value |',
        '|---|---|',
        `| tasks checked (created by the client) | ${result.tasks.length} (${stream.created.length}) |`,
        `| tasks ok / lost / duplicated | ${result.tasks.filter((t) => t.verdict === 'ok').length} / ${result.lost} / ${result.duplicated} |`,
        `| tasks in flight at a kill (mean) | ${(records.reduce((n, r) => n + Object.keys(r.inFlight).length, 0) / Math.max(1, records.length)).toFixed(1)} |`,
        `| kill → ready again, median / max (s) | ${((recovered[Math.floor(recovered.length / 2)] ?? 0) / 1000).toFixed(1)} / ${((recovered[recovered.length - 1] ?? 0) / 1000).toFixed(1)} |`,
        `| creates sent again after a lost answer | ${stream.unansweredCreates} |`,
      ].join('\n'),
    });
    for (const task of result.tasks.filter((t) => t.verdict !== 'ok'))
      console.log(`${task.taskId}: ${task.verdict}: ${task.problems.join('; ')}`);
    console.log(JSON.stringify({ ...report, verdicts: undefined, kills: undefined }, null, 2));
    if (!result.passed) process.exitCode = 1;
  } finally {
    await platform.stopAll().catch(() => undefined);
    await broker.destroy().catch(() => undefined);
    for (const name of sandboxContainers(instanceId)) execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    rmSync(platform.dataDir, { recursive: true, force: true });
    rmSync(dirname(scriptFile), { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
