/** The agent-harness benchmark's report: one row per case, the JSON file, and the Markdown table. */
import type { TaskUsageView } from '@patchbay/contracts';
import { quantile } from '../bench-support';
import type { ContextPlayerLog } from './context-dependent-player';
import type { TaskOutcome } from './task-outcome';

export interface ContextCaseResult {
  caseId: string;
  runner: string;
  fixFiles: string[];
  /** Set when the case could not be played or did not settle; such a row is never right. */
  error: string | null;
  outcome: TaskOutcome | null;
  model: ContextPlayerLog | null;
  /** The platform's usage records for the task. */
  usage: TaskUsageView | null;
  /** The model applied the whole upstream fix (it had read every changed line). */
  fixed: boolean;
  /** Published exactly when fixed. */
  right: boolean;
}

export interface ContextReport {
  measuredAt: string;
  machine: string;
  window: number;
  maxRounds: number;
  results: ContextCaseResult[];
  wallMs: number;
}

/** 1-based rank of each fix file in the planner's localize result, `–` where it was not ranked. */
function ranksOf(result: ContextCaseResult): string {
  const localized = result.model?.localized;
  if (!localized) return '';
  return result.fixFiles
    .map((path) => {
      const rank = localized.indexOf(path);
      return rank < 0 ? '–' : String(rank + 1);
    })
    .join(', ');
}

function countOf(paths: readonly string[] | undefined, fixFiles: readonly string[]): string {
  return paths ? `${fixFiles.filter((path) => paths.includes(path)).length}/${fixFiles.length}` : '';
}

function tokensOf(usage: TaskUsageView | null): number {
  return usage ? usage.promptTokens + usage.completionTokens : 0;
}

export function renderContextTable(report: ContextReport): string {
  const header = [
    'case',
    'runner',
    'fix files ranked by localize',
    'fix files read by planner',
    'bug seen by planner',
    'applied by coder',
    'verdict',
    'fixed',
    'right',
    'tokens',
    'model calls',
    'largest request (tokens)',
    'over window',
    'total (s)',
  ];
  const rows = report.results.map((result) => [
    result.caseId,
    result.runner,
    ranksOf(result),
    countOf(result.model?.plannerReads, result.fixFiles),
    countOf(result.model?.planned, result.fixFiles),
    countOf(result.model?.applied, result.fixFiles),
    result.error
      ? `error: ${result.error.slice(0, 60)}`
      : `${result.outcome?.status ?? ''}${result.outcome?.published ? ', PR' : ', no PR'}`,
    result.fixed ? 'yes' : 'no',
    result.right ? 'yes' : '**no**',
    String(tokensOf(result.usage)),
    String(result.usage?.modelCalls ?? ''),
    String(result.model?.maxRequestTokens ?? ''),
    String(result.model?.requestsOverWindow ?? ''),
    result.outcome ? (result.outcome.totalMs / 1000).toFixed(1) : '',
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function renderContextSummary(report: ContextReport): string {
  const played = report.results.filter((result) => result.model);
  const total = report.results.length;
  const fixFiles = played.reduce((sum, result) => sum + result.fixFiles.length, 0);
  const ranked = (limit: number) =>
    played.reduce(
      (sum, result) =>
        sum +
        result.fixFiles.filter((path) => {
          const rank = result.model!.localized?.indexOf(path) ?? -1;
          return rank >= 0 && rank < limit;
        }).length,
      0,
    );
  const read = played.reduce(
    (sum, result) => sum + result.fixFiles.filter((path) => result.model!.plannerReads.includes(path)).length,
    0,
  );
  const tokens = played.map((result) => tokensOf(result.usage));
  const overWindow = played.reduce((sum, result) => sum + result.model!.requestsOverWindow, 0);
  const largest = Math.max(0, ...played.map((result) => result.model!.maxRequestTokens));
  return [
    `Fixes landed: ${report.results.filter((result) => result.fixed).length}/${total}; verdicts right: ${report.results.filter((result) => result.right).length}/${total}.`,
    `Localization: ${ranked(3)} of ${fixFiles} fix files ranked in the top 3, ${ranked(10)} in the top 10; the planner read ${read} of ${fixFiles}.`,
    `Tokens per task (platform usage records): median ${quantile(tokens, 0.5)}, max ${Math.max(0, ...tokens)}.`,
    `Requests over the ${report.window}-token window: ${overWindow} (largest request ${largest} tokens, counted as the whole JSON body). Wall time ${(report.wallMs / 60_000).toFixed(1)} min.`,
  ].join(' ');
}
