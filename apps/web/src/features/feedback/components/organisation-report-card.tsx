import type { ApprovalRateView, FeedbackTally } from '@patchbay/contracts';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Card } from '../../../ui/card';
import { Loading } from '../../../ui/states';
import { useOrganisationReport } from '../hooks/use-feedback';

/** The period the dashboard reports on; the API takes any number of days up to a year. */
export const REPORT_DAYS = 30;

/** How the team receives the agent's work: approval rates, time to merge and reviewers' thumbs. */
export function OrganisationReportCard() {
  const report = useOrganisationReport(REPORT_DAYS);
  return (
    <Card title={`Team report (${REPORT_DAYS} days)`} testId="organisation-report">
      {report.isPending ? (
        <Loading />
      ) : report.error ? (
        <Banner tone="error">{describeError(report.error)}</Banner>
      ) : (
        <dl className="grid grid-cols-2 gap-x-3 gap-y-2 text-sm">
          <Figure label="Plans approved" value={formatRate(report.data.approvalRate.plan)} />
          <Figure label="Diffs approved" value={formatRate(report.data.approvalRate.diff)} />
          <Figure label="Median time to merge" value={formatDuration(report.data.timeToMerge.medianSeconds)} />
          <Figure label="Merged" value={String(report.data.timeToMerge.merged)} />
          <Figure label="Feedback on changes" value={formatTally(report.data.feedback.task)} />
          <Figure label="Feedback on files" value={formatTally(report.data.feedback.file)} />
          {report.data.feedback.mostDownvotedFiles.length > 0 && (
            <div className="col-span-2">
              <dt className="text-xs text-slate-400">Most down-voted files</dt>
              <dd>
                <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-300" data-testid="most-downvoted-files">
                  {report.data.feedback.mostDownvotedFiles.map((file) => (
                    <li key={`${file.repository}/${file.path}`} className="flex justify-between gap-2">
                      <span className="truncate">
                        {file.repository} · {file.path}
                      </span>
                      <span className="shrink-0">👎 {file.down}</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
      )}
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className="text-slate-100">{value}</dd>
    </div>
  );
}

export function formatRate(rate: ApprovalRateView): string {
  if (rate.rate === null) return 'no decisions yet';
  return `${Math.round(rate.rate * 100)}% of ${rate.approved + rate.rejected}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

function formatTally(tally: FeedbackTally): string {
  return tally.up + tally.down === 0 ? 'none yet' : `👍 ${tally.up} · 👎 ${tally.down}`;
}
