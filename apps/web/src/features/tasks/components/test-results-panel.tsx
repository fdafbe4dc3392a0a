import type { TaskEvent } from '@patchbay/contracts';
import { EmptyState } from '../../../ui/states';
import { testSummaryOf } from '../types/task-event-payloads';

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
            <span className="ml-auto text-xs text-slate-500">{new Date(at).toLocaleString()}</span>
          </div>
          {summary.failures.length > 0 && (
            <ul className="mt-2 space-y-1">
              {summary.failures.map((failure) => (
                <li key={failure.name}>
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
