/**
 * Warm environments (ADR 0033) on a real repository: the same task run three times in a row
 * through the whole platform (gateway, supervisor, agents, gVisor sandbox, npm install through
 * the registries egress proxy, local forge) —
 *   1. cold: no warm environment, empty package cache (a repository registered by this run);
 *   2. warm: the snapshot the first task saved is restored, no install runs;
 *   3. package cache only: the snapshot is removed, the install runs against the filled cache.
 * Reports for each the time from the task's first event to "baseline done" (the analysing node's
 * `Baseline: …` thought), the install's own time, and what the warm environment did; writes
 * reports/warm-env-bench.json and the table in docs/performance.md.
 *
 * Usage: npm run bench:warm-env [-- --case <id>] [--runs <n>] [--dev-dependencies upstream]
 * `--dev-dependencies upstream` keeps the repository's own devDependencies (linters, type checkers)
 * instead of the real-repository benchmark's pruned set: the install a real project has.
 */
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { eventsOfType, type TaskEvent } from '@patchbay/contracts';
import { removeDependencyReuseLeftovers } from '@patchbay/testing';
import { numberArgument, stringArgument, writeJsonReport, writeMeasuredBlock } from './bench-support';
import { startBenchPlatform } from './realrepo/bench-platform';
import { loadCaseDefinitions, type CaseDefinition } from './realrepo/case-definition';
import { hasMirror } from './realrepo/case-repository';
import { ScenarioPlayer } from './realrepo/scenario-player';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const DATABASE = process.env['PATCHBAY_WARM_ENV_DATABASE'] ?? 'patchbay_bench_warm_env';
const REPORT_PATH = join(ROOT, 'reports', 'warm-env-bench.json');
const MODES = ['cold', 'warm', 'package cache only'] as const;
type Mode = (typeof MODES)[number];

interface TaskMeasurement {
  run: number;
  mode: Mode;
  status: string | null;
  /** First event → the baseline's result, seconds. */
  baselineDoneS: number | null;
  installS: number | null;
  warmEnvironment: {
    outcome: string;
    key: string;
    bytes: number | null;
    durationS: number;
    reason: string | null;
  } | null;
  baseline: string | null;
  totalS: number | null;
}

function measure(runIndex: number, mode: Mode, status: string | null, events: TaskEvent[]): TaskMeasurement {
  const start = events.length > 0 ? Date.parse(events[0]?.at ?? '') : NaN;
  const seconds = (event: TaskEvent | undefined) =>
    event && !Number.isNaN(start) ? (Date.parse(event.at) - start) / 1000 : null;
  const thoughts = eventsOfType(events, 'agent_thought');
  const baselineEvent = thoughts.find((event) => event.payload.message.startsWith('Baseline:'));
  const warm = thoughts.find((event) => event.payload.warmEnvironment)?.payload.warmEnvironment;
  const setup = eventsOfType(events, 'command_executed').filter((event) => event.payload.phase === 'setup');
  return {
    run: runIndex,
    mode,
    status,
    baselineDoneS: seconds(baselineEvent),
    installS: setup.length ? setup.reduce((sum, event) => sum + event.payload.durationMs, 0) / 1000 : null,
    warmEnvironment: warm
      ? {
          outcome: warm.outcome,
          key: warm.key,
          bytes: warm.bytes,
          durationS: warm.durationMs / 1000,
          reason: warm.reason,
        }
      : null,
    baseline: baselineEvent ? baselineEvent.payload.message : null,
    totalS: seconds(events[events.length - 1]),
  };
}

function variantOf(definition: CaseDefinition, upstreamDevDependencies: boolean, runIndex: number): CaseDefinition {
  const manifest = upstreamDevDependencies
    ? { ...definition.manifest, devDependencies: undefined }
    : definition.manifest;
  // A new id is a new repository (its own bare mirror), so every run starts cold: no snapshot, empty cache.
  return { ...definition, id: `${definition.id}-warm-${Date.now().toString(36)}-${runIndex}`, manifest };
}

async function main(): Promise<void> {
  const caseId = stringArgument('case') ?? 'camelcase-number-separators';
  const runs = numberArgument('runs', 1);
  const upstream = stringArgument('dev-dependencies') === 'upstream';
  const definition = loadCaseDefinitions().find((candidate) => candidate.id === caseId);
  if (!definition) throw new Error(`no case ${caseId}`);
  if (!hasMirror(definition))
    throw new Error(`case ${caseId}: fetch github:${definition.repository.mirror.replace('+', '/')} first`);
  const correct = definition.scenarios.find((scenario) => scenario.kind === 'correct');
  if (!correct) throw new Error(`case ${caseId} has no correct scenario`);

  const bench = await startBenchPlatform({ database: DATABASE, maxRounds: 1 });
  const measurements: TaskMeasurement[] = [];
  const startedAt = Date.now();
  try {
    for (let runIndex = 1; runIndex <= runs; runIndex++) {
      const variant = variantOf(definition, upstream, runIndex);
      const repository = await bench.registerCase(variant);
      for (const mode of MODES) {
        if (mode === 'package cache only') {
          const key = measurements.find((m) => m.run === runIndex && m.mode === 'cold')?.warmEnvironment?.key;
          if (key) await run('docker', ['image', 'rm', `patchbay/warm-env:${key}`]).catch(() => undefined);
        }
        const { status, events } = await bench.runTask(variant, new ScenarioPlayer(variant, correct, repository));
        const measurement = measure(runIndex, mode, status, events);
        measurements.push(measurement);
        console.log(
          `run ${runIndex} ${mode}: ${status}; baseline done after ${measurement.baselineDoneS?.toFixed(1)} s; install ${measurement.installS?.toFixed(1) ?? '–'} s; warm ${measurement.warmEnvironment?.outcome ?? '–'}`,
        );
      }
    }
  } finally {
    await bench.close();
    const keys = measurements.flatMap((m) => (m.warmEnvironment ? [m.warmEnvironment.key] : []));
    await removeDependencyReuseLeftovers(new Date(startedAt), [...new Set(keys)]);
  }
  const report = {
    measuredAt: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    case: caseId,
    repository: definition.repository.url,
    devDependencies: upstream ? 'upstream' : 'pruned (as in bench:realrepo)',
    measurements,
    wallMs: Date.now() - startedAt,
  };
  await writeJsonReport(REPORT_PATH, report);
  const table = renderTable(measurements);
  const summary = renderSummary(measurements);
  console.log(`\n${table}\n\n${summary}`);
  await writeMeasuredBlock('warm-env-bench', '## Warm environments (`npm run bench:warm-env`)', {
    measured: `Measured ${report.measuredAt} on ${report.machine}; case \`${caseId}\` (${definition.repository.url}), devDependencies ${report.devDependencies}; stand-in model, correct fix; a shared, noisy VM (treat times as ±30 %).`,
    summary,
    table,
  });
}

function renderTable(measurements: TaskMeasurement[]): string {
  const cell = (value: number | null) => (value === null ? '' : value.toFixed(1));
  const rows = measurements.map((m) =>
    [
      String(m.run),
      m.mode,
      m.status ?? 'not settled',
      cell(m.baselineDoneS),
      cell(m.installS),
      m.warmEnvironment
        ? `${m.warmEnvironment.outcome}${m.warmEnvironment.bytes === null ? '' : `, ${(m.warmEnvironment.bytes / 1024 ** 2).toFixed(0)} MB`}, ${m.warmEnvironment.durationS.toFixed(1)} s${m.warmEnvironment.reason ? ` (${m.warmEnvironment.reason})` : ''}`
        : '',
      (m.baseline ?? '').replace(/^Baseline: /, ''),
      cell(m.totalS),
    ].join(' | '),
  );
  return [
    '| run | task | status | baseline done (s) | install (s) | warm environment | baseline | total (s) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

function renderSummary(measurements: TaskMeasurement[]): string {
  const lines: string[] = [];
  for (const runIndex of new Set(measurements.map((m) => m.run))) {
    const of = (mode: Mode) => measurements.find((m) => m.run === runIndex && m.mode === mode)?.baselineDoneS ?? null;
    const cold = of('cold');
    const warm = of('warm');
    const cache = of('package cache only');
    if (cold === null || warm === null) continue;
    lines.push(
      `Run ${runIndex}: the second task reached "baseline done" ${(cold / warm).toFixed(1)}× faster than the first (${cold.toFixed(1)} s → ${warm.toFixed(1)} s)${cache === null ? '' : `; with the package cache only, ${(cold / cache).toFixed(1)}× (${cache.toFixed(1)} s)`}.`,
    );
  }
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
