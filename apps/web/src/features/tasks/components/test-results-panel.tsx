import type { TaskEvent } from '@patchbay/contracts';
import { EmptyState } from '../../../ui/states';
import { testSummaryOf, type CheckSummary } from '../types/task-event-payloads';

const DETAIL_NOTES: Record<string, string> = {
  counts: 'counted from the runner’s summary; passing tests are not named',
  exit_code: 'the output could not be read; only the exit code is known',
};

function describeCheck(check: CheckSummary): string {
  if (check.status === 'unavailable') return `${check.name}: unavailable${check.unavailableReason ? ` (${check.unavailableReason})` : ''}`;
  if (check.status === 'failed') return `${check.name}: failed${check.failed ? ` (${check.failed} problem${check.failed === 1 ? '' : 's'})` : ''}`;
  return `${check.name}: ${check.status}`;
}

const CHECK_TONES: Record<string, string> = { passed: 'text-emerald-300', failed: 'text-rose-300', unavailable: 'text-amber-300' };

export function TestResultsPanel({ events }: { events: readonly TaskEvent[] }) {
  const results = events.flatMap((event) => {
    const summary = testSummaryOf(event);
    return summary ? [{ seq: event.seq, agent: event.agent, at: event.at, summary }] : [];
  });
  if (results.length === 0) return <EmptyState>No test results yet. The testing agent runs the suite before and after the changes.</EmptyState>;
  return (
    <div className="space-y-3" data-testid="test-results">
      {results.map(({ seq, at, summary }) => (
        <div key={seq} className="rounded-md border border-slate-800 bg-slate-900 p-3">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-medium text-slate-200">{summary.phase ?? 'Test run'}</span>
            <span className="text-emerald-300">{summary.passed ?? '?'} passed</span>
            <span className={summary.failed ? 'text-rose-300' : 'text-slate-400'}>{summary.failed ?? '?'} failed</span>
            {summary.skipped !== undefined && <span className="text-slate-400">{summary.skipped} skipped</span>}
            {summary.resultDetail && DETAIL_NOTES[summary.resultDetail] && <span className="text-xs text-amber-300">{DETAIL_NOTES[summary.resultDetail]}</span>}
            <span className="ml-auto text-xs text-slate-500">{new Date(at).toLocaleString()}</span>
          </div>
          {summary.checks.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-3 text-xs" aria-label="Checks">
              {summary.checks.map((check, index) => (
                <li key={`${index}-${check.name}`} className={CHECK_TONES[check.status] ?? 'text-slate-400'} data-testid="check-result">{describeCheck(check)}</li>
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
