import type { TaskEvent } from '@patchbay/contracts';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../../ui/states';
import { attemptsOf, producingRunOf } from '../lib/command-runs';
import { testSummaryOf, type CheckSummary } from '../types/task-event-payloads';

const DETAIL_NOTES: Record<string, string> = {
  counts: 'counted from the runner’s summary; passing tests are not named',
  exit_code: 'the output could not be read; only the exit code is known',
};

function describeCheck(check: CheckSummary): string {
  if (check.status === 'unavailable')
    return `${check.name}: unavailable${check.unavailableReason ? ` (${check.unavailableReason})` : ''}`;
  if (check.status === 'failed')
    return `${check.name}: failed${check.failed ? ` (${check.failed} problem${check.failed === 1 ? '' : 's'})` : ''}`;
  return `${check.name}: ${check.status}`;
}

const CHECK_TONES: Record<string, string> = {
  passed: 'text-emerald-300',
  failed: 'text-rose-300',
  unavailable: 'text-amber-300',
};

/** 'all', 'before' (baseline, before any coding round) or an attempt number as text. */
type AttemptChoice = string;

function attemptName(attempt: number | undefined): string {
  return attempt === undefined ? 'Before coding' : `Attempt ${attempt}`;
}

export function TestResultsPanel({ events }: { events: readonly TaskEvent[] }) {
  const [choice, setChoice] = useState<AttemptChoice>('all');
  const attempts = useMemo(() => attemptsOf(events), [events]);
  const all = useMemo(
    () =>
      events.flatMap((event) => {
        const summary = testSummaryOf(event);
        return summary
          ? [
              {
                seq: event.seq,
                agent: event.agent,
                at: event.at,
                summary,
                attempt: attempts.get(event.seq),
                run: producingRunOf(events, event),
              },
            ]
          : [];
      }),
    [events, attempts],
  );
  if (all.length === 0)
    return <EmptyState>No test results yet. The testing agent runs the suite before and after the changes.</EmptyState>;
  const choices = [...new Set(all.map((result) => (result.attempt === undefined ? 'before' : String(result.attempt))))];
  const results = all.filter(
    (result) =>
      choice === 'all' || (result.attempt === undefined ? choice === 'before' : choice === String(result.attempt)),
  );
  return (
    <div className="space-y-3" data-testid="test-results">
      {choices.length > 1 && (
        <label className="flex items-center gap-2 text-xs text-slate-400">
          Attempt
          <select
            aria-label="Show test results of"
            className="rounded border border-slate-700 bg-slate-900 px-1.5 py-1 text-xs text-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-400"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="all">All attempts</option>
            {choices.map((value) => (
              <option key={value} value={value}>
                {value === 'before' ? 'Before coding' : `Attempt ${value}`}
              </option>
            ))}
          </select>
        </label>
      )}
      {results.map(({ seq, at, summary, attempt, run }) => (
        <div
          key={seq}
          className="rounded-md border border-slate-800 bg-slate-900 p-3"
          data-testid="test-run"
          data-attempt={attempt ?? 'before'}
        >
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="text-xs font-semibold uppercase tracking-wide text-indigo-300">
              {attemptName(attempt)}
            </span>
            <span className="font-medium text-slate-200">{summary.phase ?? 'Test run'}</span>
            {run && (
              <span className="font-mono text-xs text-slate-400" title={`live log line ${run.seq}`}>
                $ {run.payload.command} (log #{run.seq})
              </span>
            )}
            <span className="text-emerald-300">{summary.passed ?? '?'} passed</span>
            <span className={summary.failed ? 'text-rose-300' : 'text-slate-400'}>{summary.failed ?? '?'} failed</span>
            {summary.skipped !== undefined && <span className="text-slate-400">{summary.skipped} skipped</span>}
            {summary.resultDetail && DETAIL_NOTES[summary.resultDetail] && (
              <span className="text-xs text-amber-300">{DETAIL_NOTES[summary.resultDetail]}</span>
            )}
            <span className="ml-auto text-xs text-slate-500">{new Date(at).toLocaleString()}</span>
          </div>
          {summary.checks.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-3 text-xs" aria-label="Checks">
              {summary.checks.map((check, index) => (
                <li
                  key={`${index}-${check.name}`}
                  className={CHECK_TONES[check.status] ?? 'text-slate-400'}
                  data-testid="check-result"
                >
                  {describeCheck(check)}
                </li>
              ))}
            </ul>
          )}
          {summary.failures.length > 0 && (
            <ul className="mt-2 space-y-1">
              {/* Names repeat: a test in two files, or failures a runner only counted. */}
              {summary.failures.map((failure, index) => (
                <li key={`${index}-${failure.name}`}>
                  <details className="rounded bg-rose-950/40 px-2 py-1 text-xs">
                    <summary className="cursor-pointer font-mono text-rose-200">{failure.name}</summary>
                    {failure.message && <pre className="mt-1 whitespace-pre-wrap text-rose-100">{failure.message}</pre>}
                  </details>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
