/**
 * Real-repository benchmark of the agent harness (`npm run bench:realrepo:context`): the cases of
 * `npm run bench:realrepo`, each run once as a task whose stand-in model depends on context (see
 * realrepo/context-dependent-player.ts) — it fixes only code the platform let it read, so the
 * planner's localization and reading, the plan, and the coder's context decide whether the fix
 * lands. The platform runs with a small context window (`--window`, default 16k tokens).
 *
 * Reports per case whether the fix landed, whether the verdict was right, where localization
 * ranked the fix files and whether the planner read them, tokens per task (the platform's own
 * usage records), the largest request and the requests over the window (must be 0). Writes
 * reports/realrepo-context.json and, on a run of every case, the table in docs/performance.md.
 *
 * Usage: npm run bench:realrepo:context [-- --case <id>[,<id>…]] [--window 16000] [--max-rounds 1]
 *        npm run bench:realrepo:context -- --render   (the last report's table again, nothing run)
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { numberArgument, stringArgument, writeJsonReport, writeMeasuredBlock } from './bench-support';
import { startBenchPlatform, STAND_IN_MODEL, TASK_DEADLINE_MINUTES } from './realrepo/bench-platform';
import { loadCaseDefinitions } from './realrepo/case-definition';
import { hasMirror } from './realrepo/case-repository';
import { ContextDependentPlayer } from './realrepo/context-dependent-player';
import {
  renderContextSummary,
  renderContextTable,
  type ContextCaseResult,
  type ContextReport,
} from './realrepo/context-report';
import { readTaskOutcome } from './realrepo/task-outcome';

const ROOT = resolve(__dirname, '../..');
const DATABASE = process.env['PATCHBAY_REALREPO_DATABASE'] ?? 'patchbay_bench_realrepo';
const REPORT_PATH = join(ROOT, 'reports', 'realrepo-context.json');

/** `--render`: the table of the last report again (after a change to how it is rendered), without running anything. */
async function renderLastReport(): Promise<void> {
  const report = JSON.parse(await readFile(REPORT_PATH, 'utf8')) as ContextReport;
  const table = renderContextTable(report);
  console.log(`${table}\n\n${renderContextSummary(report)}`);
  if (report.results.length === loadCaseDefinitions().length) await writeDocs(report, table);
}

async function main(): Promise<void> {
  if (process.argv.includes('--render')) return renderLastReport();
  const caseFilter = stringArgument('case') ?? null;
  const caseIds = caseFilter ? new Set(caseFilter.split(',')) : null;
  const window = numberArgument('window', 16_000);
  const maxRounds = numberArgument('max-rounds', 1);
  const allDefinitions = loadCaseDefinitions();
  const definitions = allDefinitions.filter((definition) => !caseIds || caseIds.has(definition.id));
  if (definitions.length === 0) throw new Error(`no case ${caseFilter ?? ''}`);

  const bench = await startBenchPlatform({
    database: DATABASE,
    maxRounds,
    modelEnv: { MODEL_CONTEXT_WINDOW: String(window) },
  });
  const results: ContextCaseResult[] = [];
  const startedAt = Date.now();
  const reportNow = (): ContextReport => ({
    measuredAt: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    window,
    maxRounds,
    results,
    wallMs: Date.now() - startedAt,
  });
  try {
    for (const definition of definitions) {
      const base = { caseId: definition.id, runner: definition.runner, fixFiles: definition.fixFiles };
      if (!hasMirror(definition)) {
        results.push({
          ...base,
          error: 'upstream history not fetched',
          outcome: null,
          model: null,
          usage: null,
          fixed: false,
          right: false,
        });
        continue;
      }
      const repository = await bench.registerCase(definition);
      const player = new ContextDependentPlayer(definition, repository, window, STAND_IN_MODEL);
      const { status, events, usage } = await bench.runTask(definition, player);
      const outcome = readTaskOutcome(status ?? 'timeout', events);
      // The model fixed the bug when it applied the whole upstream fix; only then may a PR follow.
      const fixed = definition.fixFiles.every((path) => player.log.applied.includes(path));
      const published = outcome.status === 'completed' && outcome.published;
      const right = status !== null && (fixed ? published : !published);
      results.push({
        ...base,
        error: status === null ? `no settled status within ${TASK_DEADLINE_MINUTES} min` : null,
        outcome,
        model: player.log,
        usage,
        fixed,
        right,
      });
      console.log(
        `${definition.id}: ${outcome.status}${published ? ' (PR)' : ''}; fixed ${fixed ? 'yes' : 'no'}; planner read ${player.log.plannerReads.join(', ') || 'nothing'}; ${usage.promptTokens + usage.completionTokens} tokens; ${player.log.requestsOverWindow} over window — ${right ? 'right' : 'WRONG'}`,
      );
      await writeJsonReport(REPORT_PATH, reportNow());
    }
  } finally {
    await bench.close();
  }

  const report = reportNow();
  await writeJsonReport(REPORT_PATH, report);
  const table = renderContextTable(report);
  console.log(`\n${table}\n\n${renderContextSummary(report)}`);
  if (definitions.length === allDefinitions.length) await writeDocs(report, table);
  else console.log('docs/performance.md not rewritten: not every case was run.');
}

/** The measured block of docs/performance.md. */
async function writeDocs(report: ContextReport, table: string): Promise<void> {
  const measured = `Measured ${report.measuredAt} on ${report.machine}; context-dependent stand-in model over the \`openai\` provider; context window ${report.window} tokens; at most ${report.maxRounds} coding round${report.maxRounds === 1 ? '' : 's'}; a shared, noisy VM.`;
  await writeMeasuredBlock(
    'realrepo-context',
    '## Agent harness on real repositories (`npm run bench:realrepo:context`)',
    { measured, summary: renderContextSummary(report), table },
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
