import type { ApprovalRecordView, ApprovalSubject } from '@patchbay/contracts';
import { feedbackSummary, lineReference } from '../lib/diff-review';
import { deciderOf } from '../lib/plan-versions';

export interface ReviewRecordProps {
  approvals: readonly ApprovalRecordView[];
  /** Only the decisions on the plan, or on the diff. */
  subject: ApprovalSubject;
}

function title(approval: ApprovalRecordView): string {
  const by = deciderOf(approval);
  if (approval.subject === 'plan') {
    const which = approval.planVersion === null ? 'Plan' : `Plan version ${approval.planVersion}`;
    return `${which} ${approval.decision} by ${by}`;
  }
  return approval.decision === 'approved' ? `Diff approved by ${by}` : `Changes requested by ${by}`;
}

/**
 * Every decision on the plan or the diff, with the feedback and inline comments it carried: what a
 * reviewer said stays on the task after the action, for the next reviewer and for the record.
 */
export function ReviewRecord({ approvals, subject }: ReviewRecordProps) {
  const decisions = approvals.filter((approval) => approval.subject === subject);
  if (decisions.length === 0) return null;
  return (
    <section
      className="space-y-2 rounded-md border border-slate-800 bg-slate-900/60 p-3"
      data-testid="review-record"
      aria-label={`Decisions on the ${subject}`}
    >
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-400">Review record</h3>
      <ol className="space-y-2">
        {decisions.map((approval) => {
          const said =
            approval.feedback && approval.decidedBy
              ? feedbackSummary(approval.feedback, approval.comments.length > 0)
              : '';
          return (
            <li key={approval.id} className="text-sm" data-testid="review-decision" data-decision={approval.decision}>
              <p className={approval.decision === 'approved' ? 'text-emerald-200' : 'text-amber-200'}>
                {title(approval)}{' '}
                <time className="text-xs text-slate-500" dateTime={approval.decidedAt}>
                  {new Date(approval.decidedAt).toLocaleString()}
                </time>
              </p>
              {said && (
                <blockquote
                  className="mt-1 whitespace-pre-wrap border-l-2 border-slate-700 pl-2 text-slate-200"
                  data-testid="review-feedback"
                >
                  {said}
                </blockquote>
              )}
              {approval.comments.length > 0 && (
                <ul className="mt-1 space-y-0.5 pl-2 text-xs" data-testid="review-comments">
                  {approval.comments.map((comment) => (
                    <li
                      key={`${comment.path}:${comment.side}:${comment.line}:${comment.body}`}
                      data-testid="review-comment"
                    >
                      <span className="font-mono text-amber-200">{lineReference(comment)}</span>{' '}
                      <span className="text-slate-200">{comment.body}</span>
                    </li>
                  ))}
                </ul>
              )}
              {approval.acknowledgedOutOfPlan.length > 0 && (
                <p className="mt-1 text-xs text-amber-200" data-testid="review-acknowledged-out-of-plan">
                  Acknowledged outside the plan:{' '}
                  <span className="font-mono">{approval.acknowledgedOutOfPlan.join(', ')}</span>
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
