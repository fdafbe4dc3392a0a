/**
 * Real-repository benchmark: bug-fix commits of public projects (tools/bench/realrepo/cases),
 * each rebuilt as "the repository at the parent plus the test", registered through the real
 * gateway and run as tasks through the whole platform (supervisor, coding/testing/github agents,
 * gVisor sandbox with dependency installs, local forge) with the `openai` provider pointed at a
 * stand-in model server that plays each scenario: the correct upstream fix, a wrong fix, a fix
 * that breaks another test, an unparseable edit, an unrelated change. Reports per scenario the
 * verdict, whether it was the right one, and the time per stage; writes reports/realrepo-bench.json
 * and, on an unfiltered run, the table in docs/performance.md.
 *
 * Usage: npm run bench:realrepo [-- --case <id>[,<id>…]] [--scenario <kind>] [--max-rounds 2] [--merge]
 * `--merge` keeps the rows of reports/realrepo-bench.json for the cases and scenarios this run does
 * not play, so a rerun of a few cases completes an earlier run; docs/performance.md is rewritten
 * whenever the (merged) report covers every case and scenario.
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { numberArgument, stringArgument, writeJsonReport, writeMeasuredBlock } from './bench-support';
import { startBenchPlatform, TASK_DEADLINE_MINUTES, type BenchPlatform } from './realrepo/bench-platform';
import { loadCaseDefinitions, SCENARIO_KINDS, type CaseDefinition, type Scenario } from './realrepo/case-definition';
import { hasMirror, type CaseRepository } from './realrepo/case-repository';
import { EXPECTED_VERDICTS, isVerdictRight } from './realrepo/expected-verdict';
import { renderSummary, renderTable, type RealRepoReport, type ScenarioResult } from './realrepo/realrepo-report';
import { ScenarioPlayer } from './realrepo/scenario-player';
import { readTaskOutcome } from './realrepo/task-outcome';

const ROOT = resolve(__dirname, '../..');
const DATABASE = process.env['PATCHBAY_REALREPO_DATABASE'] ?? 'patchbay_bench_realrepo';
const REPORT_PATH = join(ROOT, 'reports', 'realrepo-bench.json');

async function playScenario(
  bench: BenchPlatform,
  definition: CaseDefinition,
  repository: CaseRepository,
  scenario: Scenario,
): Promise<ScenarioResult> {
  const base = {
    caseId: definition.id,
    repository: definition.repository.url,
    fixCommit: definition.upstream.fixCommit,
    runner: definition.runner,
    scenario: scenario.kind,
    expected: EXPECTED_VERDICTS[scenario.kind],
  };
  const player = new ScenarioPlayer(definition, scenario, repository);
  const { status, events } = await bench.runTask(definition, player);
  if (status === null)
    return {
      ...base,
      right: false,
      error: `no settled status within ${TASK_DEADLINE_MINUTES} min`,
      outcome: readTaskOutcome('timeout', events),
      model: player.log,
    };
  const outcome = readTaskOutcome(status, events);
  return {
    ...base,
    right: isVerdictRight(scenario.kind, outcome, player.log),
    error: null,
    outcome,
    model: player.log,
  };
}

async function main(): Promise<void> {
  const caseFilter = stringArgument('case') ?? null;
  const caseIds = caseFilter ? new Set(caseFilter.split(',')) : null;
  const merge = process.argv.includes('--merge');
  const scenarioFilter = stringArgument('scenario') ?? null;
  const maxRounds = numberArgument('max-rounds', 2);
  if (scenarioFilter && !(SCENARIO_KINDS as readonly string[]).includes(scenarioFilter))
    throw new Error(`--scenario must be one of ${SCENARIO_KINDS.join(', ')}`);
  const allDefinitions = loadCaseDefinitions();
  const definitions = allDefinitions.filter((definition) => !caseIds || caseIds.has(definition.id));
  if (definitions.length === 0) throw new Error(`no case ${caseFilter ?? ''}`);
  const earlier = merge ? await readEarlierResults() : { results: [], wallMs: 0 };

  const bench = await startBenchPlatform({ database: DATABASE, maxRounds });
  const results: ScenarioResult[] = [];
  const startedAt = Date.now();
  const reportNow = (): RealRepoReport => {
    const played = new Set(results.map((result) => `${result.caseId}/${result.scenario}`));
    const merged = [
      ...earlier.results.filter((result) => !played.has(`${result.caseId}/${result.scenario}`)),
      ...results,
    ].sort(byCaseThenScenario(allDefinitions));
    return {
      measuredAt: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      maxRounds,
      filters: { case: caseFilter, scenario: scenarioFilter },
      results: merged,
      rightCount: merged.filter((result) => result.right).length,
      wallMs: earlier.wallMs + Date.now() - startedAt,
    };
  };
  try {
    for (const definition of definitions) {
      const scenarios = definition.scenarios.filter((scenario) => !scenarioFilter || scenario.kind === scenarioFilter);
      if (scenarios.length === 0) continue;
      if (!hasMirror(definition)) {
        for (const scenario of scenarios) {
          results.push({
            caseId: definition.id,
            repository: definition.repository.url,
            fixCommit: definition.upstream.fixCommit,
            runner: definition.runner,
            scenario: scenario.kind,
            expected: EXPECTED_VERDICTS[scenario.kind],
            right: false,
            error: 'upstream history not fetched',
            outcome: null,
            model: null,
          });
        }
        continue;
      }
      const repository = await bench.registerCase(definition);
      for (const scenario of scenarios) {
        const result = await playScenario(bench, definition, repository, scenario);
        results.push(result);
        console.log(
          `${definition.id} ${scenario.kind}: ${result.outcome?.status ?? result.error}${result.outcome?.published ? ' (PR)' : ''} — ${result.right ? 'right' : 'WRONG'}`,
        );
        // Written after every scenario, so an interrupted run still leaves what it measured.
        await writeJsonReport(REPORT_PATH, reportNow());
      }
    }
  } finally {
    await bench.close();
  }

  const report = reportNow();
  await writeJsonReport(REPORT_PATH, report);
  const table = renderTable(report);
  console.log(`\n${table}\n\n${renderSummary(report)}`);
  const everyScenario = allDefinitions.flatMap((definition) =>
    definition.scenarios.map((scenario) => `${definition.id}/${scenario.kind}`),
  );
  const covered = new Set(report.results.map((result) => `${result.caseId}/${result.scenario}`));
  if (everyScenario.every((key) => covered.has(key))) await writeDocs(report, table);
  else
    console.log(
      `docs/performance.md not rewritten: the report covers ${covered.size} of ${everyScenario.length} scenarios (rerun the rest with --merge).`,
    );
}

/** The previous report's rows and wall time, for `--merge`; nothing when there is none. */
async function readEarlierResults(): Promise<Pick<RealRepoReport, 'results' | 'wallMs'>> {
  try {
    const earlier = JSON.parse(await readFile(REPORT_PATH, 'utf8')) as Partial<RealRepoReport>;
    // Judged again by today's rule, so a merged report never mixes two rules.
    const results = (earlier.results ?? []).map((result) =>
      result.outcome && result.model && !result.error
        ? { ...result, right: isVerdictRight(result.scenario, result.outcome, result.model) }
        : result,
    );
    return { results, wallMs: earlier.wallMs ?? 0 };
  } catch {
    return { results: [], wallMs: 0 };
  }
}

/** Rows in the order of the case files and, within a case, of its scenarios. */
function byCaseThenScenario(definitions: CaseDefinition[]): (a: ScenarioResult, b: ScenarioResult) => number {
  const rank = new Map(
    definitions.flatMap((definition, caseIndex) =>
      definition.scenarios.map(
        (scenario, index) => [`${definition.id}/${scenario.kind}`, caseIndex * 100 + index] as const,
      ),
    ),
  );
  const of = (result: ScenarioResult): number =>
    rank.get(`${result.caseId}/${result.scenario}`) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => of(a) - of(b);
}

/** The measured block of docs/performance.md. */
async function writeDocs(report: RealRepoReport, table: string): Promise<void> {
  const measured = `Measured ${report.measuredAt} on ${report.machine}; stand-in model over the \`openai\` provider; at most ${report.maxRounds} coding round${report.maxRounds === 1 ? '' : 's'}; a shared, noisy VM (treat times as ±30 %).`;
  await writeMeasuredBlock('realrepo-bench', '## Real-repository benchmark (`npm run bench:realrepo`)', {
    measured,
    summary: renderSummary(report),
    table,
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
