/** The benchmark's report: one row per scenario played, the JSON file, and the Markdown table. */
import type { ExpectedVerdict } from './expected-verdict';
import type { ScenarioKind } from './case-definition';
import type { PlayerLog } from './scenario-player';
import type { TaskOutcome } from './task-outcome';

export interface ScenarioResult {
  caseId: string;
  repository: string;
  fixCommit: string;
  runner: string;
  scenario: ScenarioKind;
  expected: ExpectedVerdict;
  right: boolean;
  /** Set when the scenario could not be played at all (no mirror, a timeout); such a row is never right. */
  error: string | null;
  outcome: TaskOutcome | null;
  model: PlayerLog | null;
}

export interface RealRepoReport {
  measuredAt: string;
  machine: string;
  maxRounds: number;
  filters: { case: string | null; scenario: string | null };
  results: ScenarioResult[];
  rightCount: number;
  /** The whole run, platform start-up excluded. */
  wallMs: number;
}

const STAGES = ['analysing', 'planning', 'executing', 'validating', 'publishing'] as const;

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : (ms / 1000).toFixed(1);
}

function verdictOf(result: ScenarioResult): string {
  if (result.error) return `error: ${result.error.slice(0, 80)}`;
  const outcome = result.outcome!;
  return `${outcome.status}${outcome.published ? ', PR' : ', no PR'}`;
}

function testsOf(outcome: TaskOutcome | null): string {
  if (!outcome) return '';
  const run = (summary: TaskOutcome['baseline']): string => (summary ? `${summary.passed}/${summary.failed}` : '–');
  return `${run(outcome.baseline)} → ${run(outcome.lastRun)}`;
}

/** Notes a reader needs to interpret a row: the syntax gate's answer, the pause or failure report. */
function noteOf(result: ScenarioResult): string {
  const notes: string[] = [];
  if (result.scenario === 'unparseable' && result.model)
    notes.push(
      result.model.refusedCalls.some((call) => call.tool === 'edit_file')
        ? 'broken edit refused'
        : 'broken edit accepted',
    );
  if (result.outcome?.report && result.outcome.status !== 'completed')
    notes.push(result.outcome.report.replace(/\s+/g, ' ').slice(0, 120));
  return notes.join('; ').replace(/\|/g, '\\|');
}

export function renderTable(report: RealRepoReport): string {
  const header = [
    'case',
    'runner',
    'scenario',
    'expected',
    'verdict',
    'right',
    'tests base → last (pass/fail)',
    'rounds',
    'install (s)',
    ...STAGES.map((stage) => `${stage} (s)`),
    'total (s)',
    'note',
  ];
  const rows = report.results.map((result) => [
    result.caseId,
    result.runner,
    result.scenario,
    result.expected,
    verdictOf(result),
    result.right ? 'yes' : '**no**',
    testsOf(result.outcome),
    String(result.outcome?.validationRounds ?? ''),
    seconds(result.outcome?.installMs),
    ...STAGES.map((stage) => seconds(result.outcome?.stageMs[stage])),
    seconds(result.outcome?.totalMs),
    noteOf(result),
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function renderSummary(report: RealRepoReport): string {
  const total = report.results.length;
  const byKind = new Map<string, { right: number; total: number }>();
  for (const result of report.results) {
    const entry = byKind.get(result.scenario) ?? { right: 0, total: 0 };
    entry.total += 1;
    if (result.right) entry.right += 1;
    byKind.set(result.scenario, entry);
  }
  const parts = [...byKind.entries()].map(([kind, entry]) => `${kind} ${entry.right}/${entry.total}`);
  const percent = total ? ((100 * report.rightCount) / total).toFixed(0) : '0';
  const played = report.results.filter((result) => result.outcome && !result.error).length;
  return `Verdicts right: ${report.rightCount}/${total} (${percent} %) — ${parts.join(', ')}. ${played} of ${total} scenarios played to a settled status; wall time ${(report.wallMs / 60_000).toFixed(1)} min.`;
}
