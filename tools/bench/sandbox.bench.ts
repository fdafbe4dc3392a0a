/**
 * Sandbox start-up benchmark (`npm run bench:sandbox`): boots the sandbox service in-process on a
 * loopback port and drives it through the typed client, as an agent would.
 *   - cold: create (no warm pool) → first `echo` result, N runs
 *   - warm: the same with a warm pool of 2, waiting for the pool to refill between runs
 *   - exec round trip: `true` in a live sandbox
 *   - 10 parallel cold creates
 * Writes reports/sandbox-bench.json and the table between the markers in docs/performance.md.
 */
import 'reflect-metadata';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication, loadSandboxConfig, WarmPoolService } from '@patchbay/sandbox-runtime';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const IMAGE = process.env.BENCH_IMAGE ?? 'base';
const ROOT = join(__dirname, '..', '..');
const TOKEN = 'bench-sandbox-token-0123456789';

interface Stats {
  runs: number;
  p50Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    runs: sorted.length,
    p50Ms: round(pick(0.5)),
    p99Ms: round(pick(0.99)),
    minMs: round(sorted[0]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

async function withService<T>(
  poolSize: number,
  body: (client: SandboxClient, pool: WarmPoolService) => Promise<T>,
): Promise<T> {
  const config = loadSandboxConfig({
    SANDBOX_TOKEN: TOKEN,
    SANDBOX_INSTANCE_ID: `bench-${process.pid}`,
    SANDBOX_POOL_SIZE: String(poolSize),
    SANDBOX_POOL_IMAGES: IMAGE,
    SANDBOX_EGRESS_PROXY_PORT: '0',
  });
  const app = await createSandboxApplication(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  try {
    return await body(
      new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN }),
      app.get(WarmPoolService),
    );
  } finally {
    await app.close();
  }
}

async function createToEcho(
  client: SandboxClient,
  taskId: string,
): Promise<{ ms: number; id: string; fromWarmPool: boolean }> {
  const started = performance.now();
  const sandbox = await client.create({ taskId, image: IMAGE });
  const result = await client.exec(sandbox.id, { command: 'echo ready' });
  const ms = performance.now() - started;
  if (result.stdout !== 'ready\n') throw new Error(`unexpected echo output: ${JSON.stringify(result)}`);
  return { ms, id: sandbox.id, fromWarmPool: sandbox.fromWarmPool };
}

async function main(): Promise<void> {
  const cold = await withService(0, async (client) => {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await createToEcho(client, `bench-cold-${i}`);
      samples.push(run.ms);
      await client.destroy(run.id);
    }
    const execSamples: number[] = [];
    const sandbox = await client.create({ taskId: 'bench-exec', image: IMAGE });
    for (let i = 0; i < RUNS * 2; i++) {
      const started = performance.now();
      await client.exec(sandbox.id, { command: 'true' });
      execSamples.push(performance.now() - started);
    }
    await client.destroy(sandbox.id);

    const parallelStarted = performance.now();
    const parallel = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createToEcho(client, `bench-parallel-${i}`)),
    );
    const parallelWallMs = performance.now() - parallelStarted;
    await Promise.all(parallel.map((run) => client.destroy(run.id)));
    return { coldSamples: samples, execSamples, parallel: parallel.map((run) => run.ms), parallelWallMs };
  });

  const warm = await withService(2, async (client, pool) => {
    const samples: number[] = [];
    let misses = 0;
    for (let i = 0; i < RUNS; i++) {
      await pool.waitUntilFull(30_000);
      const run = await createToEcho(client, `bench-warm-${i}`);
      if (!run.fromWarmPool) misses++;
      samples.push(run.ms);
      await client.destroy(run.id);
    }
    return { samples, misses };
  });

  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    image: IMAGE,
    runtime: 'runsc (gVisor, --network=none)',
    coldCreateToFirstEcho: stats(cold.coldSamples),
    warmPoolCreateToFirstEcho: { ...stats(warm.samples), poolMisses: warm.misses },
    execRoundTrip: stats(cold.execSamples),
    parallelCreates: { count: 10, wallMs: Math.round(cold.parallelWallMs), perCreate: stats(cold.parallel) },
  };
  const reportPath = join(ROOT, 'reports', 'sandbox-bench.json');
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeTable(report);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

async function writeTable(report: {
  generatedAt: string;
  machine: { cpus: number; cpuModel: string };
  coldCreateToFirstEcho: Stats;
  warmPoolCreateToFirstEcho: Stats & { poolMisses: number };
  execRoundTrip: Stats;
  parallelCreates: { wallMs: number; perCreate: Stats };
}): Promise<void> {
  const begin = '<!-- sandbox-bench:begin -->';
  const end = '<!-- sandbox-bench:end -->';
  const s = (value: number) => (value / 1000).toFixed(3);
  const table = [
    begin,
    `Measured ${report.generatedAt} on ${report.machine.cpus} × ${report.machine.cpuModel} (image \`${IMAGE}\`, runsc).`,
    'This machine is a shared, noisy VM: treat single figures as ±30 %.',
    '',
    '| measurement | runs | p50 (s) | p99 (s) | min (s) | max (s) |',
    '|---|---|---|---|---|---|',
    `| create → first \`echo\`, cold | ${report.coldCreateToFirstEcho.runs} | ${s(report.coldCreateToFirstEcho.p50Ms)} | ${s(report.coldCreateToFirstEcho.p99Ms)} | ${s(report.coldCreateToFirstEcho.minMs)} | ${s(report.coldCreateToFirstEcho.maxMs)} |`,
    `| create → first \`echo\`, warm pool (misses: ${report.warmPoolCreateToFirstEcho.poolMisses}) | ${report.warmPoolCreateToFirstEcho.runs} | ${s(report.warmPoolCreateToFirstEcho.p50Ms)} | ${s(report.warmPoolCreateToFirstEcho.p99Ms)} | ${s(report.warmPoolCreateToFirstEcho.minMs)} | ${s(report.warmPoolCreateToFirstEcho.maxMs)} |`,
    `| exec round trip (\`true\`) | ${report.execRoundTrip.runs} | ${s(report.execRoundTrip.p50Ms)} | ${s(report.execRoundTrip.p99Ms)} | ${s(report.execRoundTrip.minMs)} | ${s(report.execRoundTrip.maxMs)} |`,
    `| 10 parallel cold creates → echo, per create (wall ${s(report.parallelCreates.wallMs)} s) | ${report.parallelCreates.perCreate.runs} | ${s(report.parallelCreates.perCreate.p50Ms)} | ${s(report.parallelCreates.perCreate.p99Ms)} | ${s(report.parallelCreates.perCreate.minMs)} | ${s(report.parallelCreates.perCreate.maxMs)} |`,
    end,
  ].join('\n');
  const path = join(ROOT, 'docs', 'performance.md');
  let current = '';
  try {
    current = await readFile(path, 'utf8');
  } catch {
    current = '# Performance\n';
  }
  const next = current.includes(begin)
    ? current.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), table)
    : `${current.trimEnd()}\n\n## Sandbox start-up (\`npm run bench:sandbox\`)\n\n${table}\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, next.endsWith('\n') ? next : `${next}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
