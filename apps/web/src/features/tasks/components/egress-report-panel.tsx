import { eventsOfType, type EgressReport, type TaskEvent } from '@patchbay/contracts';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Loading } from '../../../ui/states';
import { useEgressReport } from '../hooks/use-egress-report';

/**
 * The Diff tab's egress section (ADR 0032): every connection the task's sandbox tried to open and
 * the egress proxy refused, with the command that was running. Host and command are untrusted
 * text from the sandbox; React renders them as text, never as markup or links.
 */
export function EgressReportPanel({ taskId, events }: { taskId: string; events: readonly TaskEvent[] }) {
  const latest = eventsOfType(events, 'egress_report').at(-1) ?? null;
  const report = useEgressReport(taskId, latest?.seq ?? null);
  if (!latest) return null;
  if (report.isPending) return <Loading label="Loading the egress report…" />;
  if (report.error) return <Banner tone="error">{describeError(report.error)}</Banner>;
  return <EgressReportView report={report.data} />;
}

export function EgressReportView({ report }: { report: EgressReport }) {
  const total = report.attempts.length + report.dropped;
  return (
    <section
      className="space-y-2 rounded-md border border-slate-800 bg-slate-900/60 p-3"
      data-testid="egress-report"
      aria-label="Egress"
    >
      <h3 className="text-sm font-semibold text-slate-200">Egress</h3>
      {!report.monitored ? (
        <p className="text-xs text-slate-400">
          The sandbox had no network at all, so connection attempts failed inside it and could not be listed.
        </p>
      ) : total === 0 ? (
        <p className="text-xs text-slate-400">No connection attempt was refused.</p>
      ) : (
        <>
          <p className="text-xs text-amber-300">
            The sandbox&apos;s egress proxy refused {total} connection attempt(s)
            {report.dropped > 0 ? ` (${report.dropped} not kept beyond the limit)` : ''}.
          </p>
          <table className="w-full text-left text-xs">
            <thead className="uppercase tracking-wide text-slate-400">
              <tr>
                <th className="pb-1 font-medium">Time</th>
                <th className="pb-1 font-medium">Host</th>
                <th className="pb-1 font-medium">Port</th>
                <th className="pb-1 font-medium">Command</th>
                <th className="pb-1 font-medium">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-800">
              {report.attempts.map((attempt, index) => (
                <tr key={index} data-testid="egress-attempt">
                  <td className="py-1 text-slate-400">{new Date(attempt.at).toLocaleTimeString()}</td>
                  <td className="py-1 font-mono">{attempt.host}</td>
                  <td className="py-1 font-mono">{attempt.port}</td>
                  <td className="py-1 font-mono text-slate-300">
                    {attempt.commands.length > 0 ? attempt.commands.join(' ; ') : 'unknown'}
                  </td>
                  <td className="py-1 text-slate-400">{attempt.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
