/**
 * Task pipeline benchmark: how long a task takes from `POST /tasks` to `completed` on this
 * machine, end to end through the real platform (gateway, supervisor with Postgres checkpoints,
 * coding/testing/github agents, gVisor sandbox, local forge), with the scripted model so that
 * the figures measure the platform and not a model endpoint. Runs tasks one after another, then
 * several at once. Writes reports/pipeline-bench.json and a table in docs/performance.md.
 *
 * Usage: npm run bench:pipeline [-- --runs 10 --parallel 3]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { TaskEvent } from '@patchbay/contracts';
import { startPlatformTestApp } from '@patchbay/testing';
import { BENCH_DATABASE_URL, freshBenchDatabase, numberArgument, quantile } from './bench-support';
import { greeterBenchScript, prepareGreeterBench, runGreeterTask } from './greeter-bench-task';
import { stageTimes } from './stage-times';

const ROOT = resolve(__dirname, '../..');

async function main(): Promise<void> {
  const runs = numberArgument('runs', 10);
  const parallel = numberArgument('parallel', 3);
  await freshBenchDatabase();
  const platform = await startPlatformTestApp({
    databaseUrl: BENCH_DATABASE_URL,
    script: greeterBenchScript('benchmark'),
  });
  try {
    const auth = await prepareGreeterBench(platform, 100);

    const runTask = async (): Promise<{ totalMs: number; stages: Record<string, number> }> => {
      const { taskId, totalMs } = await runGreeterTask(platform, auth);
      const events = (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth)).body as TaskEvent[];
      return { totalMs, stages: stageTimes(events) };
    };

    await runTask(); // warm-up: first sandbox image use, JIT
    const sequential: Array<{ totalMs: number; stages: Record<string, number> }> = [];
    for (let i = 0; i < runs; i++) sequential.push(await runTask());
    const wallStart = Date.now();
    const concurrent = await Promise.all(Array.from({ length: parallel }, runTask));
    const wallMs = Date.now() - wallStart;

    const totals = sequential.map((r) => r.totalMs);
    const report = {
      measuredAt: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      runs,
      sequential: {
        p50Ms: quantile(totals, 0.5),
        p90Ms: quantile(totals, 0.9),
        minMs: Math.min(...totals),
        maxMs: Math.max(...totals),
      },
      stagesP50Ms: Object.fromEntries(
        Object.keys(sequential[0].stages).map((k) => [
          k,
          quantile(
            sequential.map((r) => r.stages[k]),
            0.5,
          ),
        ]),
      ),
      concurrent: {
        tasks: parallel,
        wallMs,
        perTaskP50Ms: quantile(
          concurrent.map((r) => r.totalMs),
          0.5,
        ),
      },
    };
    await mkdir(join(ROOT, 'reports'), { recursive: true });
    await writeFile(join(ROOT, 'reports', 'pipeline-bench.json'), `${JSON.stringify(report, null, 2)}\n`);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const table = [
      '<!-- pipeline-bench:begin -->',
      `Measured ${report.measuredAt} on ${report.machine}; scripted model; a shared, noisy VM (treat figures as ±30 %).`,
      '',
      '| measurement | runs | p50 (s) | p90 (s) | min (s) | max (s) |',
      '|---|---|---|---|---|---|',
      `| task, POST → completed (sequential) | ${runs} | ${s(report.sequential.p50Ms)} | ${s(report.sequential.p90Ms)} | ${s(report.sequential.minMs)} | ${s(report.sequential.maxMs)} |`,
      `| task, POST → completed, ${parallel} at once (wall ${s(wallMs)} s) | ${parallel} | ${s(report.concurrent.perTaskP50Ms)} | | | |`,
      '',
      '| time between status changes (p50 of the sequential runs) | s |',
      '|---|---|',
      ...Object.entries(report.stagesP50Ms).map(([stage, ms]) => `| ${stage} | ${s(ms)} |`),
      '<!-- pipeline-bench:end -->',
    ].join('\n');
    const docPath = join(ROOT, 'docs', 'performance.md');
    const doc = await readFile(docPath, 'utf8');
    const next = doc.includes('<!-- pipeline-bench:begin -->')
      ? doc.replace(/<!-- pipeline-bench:begin -->[\s\S]*<!-- pipeline-bench:end -->/, table)
      : `${doc.trimEnd()}\n\n## Task pipeline (\`npm run bench:pipeline\`)\n\nA task from \`POST /tasks\` to \`completed\` through the whole platform — sandbox creation, baseline\ntests, planning, one coding round, validation, diff and secret scan, local-forge publish — with\nplan and diff auto-approved and the scripted model, so the figures are the platform's own cost.\n\n${table}\n`;
    await writeFile(docPath, next);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await platform.closeAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
