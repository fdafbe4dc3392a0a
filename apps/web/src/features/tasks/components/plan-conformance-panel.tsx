import type { ConformanceFile, PlanConformanceView, StepConformance } from '@patchbay/contracts';

const CHANGE_LABELS: Record<ConformanceFile['change'], string> = {
  added: 'new file',
  modified: 'modified',
  deleted: 'deleted',
  renamed: 'renamed',
};

export interface PlanConformancePanelProps {
  view: PlanConformanceView;
  /** Offer the acknowledgement: the diff awaits approval and the user may decide. */
  reviewable: boolean;
  acknowledged: boolean;
  onAcknowledgedChange: (acknowledged: boolean) => void;
}

function StepFiles({ step }: { step: StepConformance }) {
  if (step.status === 'names_no_files') return <span className="text-slate-400">names no files</span>;
  if (step.status === 'no_change')
    return (
      <span className="text-amber-200" data-testid="step-no-change">
        no change <span className="text-slate-400">(planned: {step.plannedFiles.join(', ')})</span>
      </span>
    );
  return <span className="font-mono text-slate-200">{step.changedFiles.join(', ')}</span>;
}

/**
 * The Diff tab's plan conformance (ADR 0031): each step of the approved plan with the files it
 * changed or "no change", the files the plan implies, and the changes outside the plan, which
 * the reviewer must acknowledge before approving.
 */
export function PlanConformancePanel({
  view,
  reviewable,
  acknowledged,
  onAcknowledgedChange,
}: PlanConformancePanelProps) {
  const { report, acknowledgement } = view;
  const outside = report.files.filter((file) => file.outOfPlan);
  const implied = report.files.filter((file) => file.impliedBy);
  return (
    <section
      aria-label="Plan conformance"
      data-testid="plan-conformance"
      className={`space-y-2 rounded-md border p-3 text-sm ${outside.length > 0 ? 'border-amber-800 bg-amber-950/30' : 'border-slate-800 bg-slate-900'}`}
    >
      <h3 className="font-medium text-slate-100">
        Plan conformance{' '}
        <span className="text-xs font-normal text-slate-400">
          against the approved plan{report.planVersion === null ? '' : ` (version ${report.planVersion})`}
        </span>
      </h3>
      <ol className="space-y-1" data-testid="plan-conformance-steps">
        {report.steps.map((step, index) => (
          <li key={step.id} className="flex flex-wrap gap-x-2 text-xs">
            <span className="text-slate-300">
              {index + 1}. {step.title}:
            </span>{' '}
            <StepFiles step={step} />
          </li>
        ))}
      </ol>
      {implied.length > 0 && (
        <p className="text-xs text-slate-400">
          Implied by the plan:{' '}
          {implied
            .map((file) =>
              file.impliedBy?.kind === 'target_test'
                ? `${file.path} (target test “${file.impliedBy.source}”)`
                : `${file.path} (lockfile of ${file.impliedBy?.source ?? ''})`,
            )
            .join(', ')}
        </p>
      )}
      {outside.length === 0 ? (
        <p className="text-xs text-emerald-300">Every changed file belongs to the plan.</p>
      ) : (
        <div className="space-y-1">
          <p className="text-xs font-medium text-amber-100">
            Outside the plan ({outside.length} {outside.length === 1 ? 'file' : 'files'}):
          </p>
          <ul className="font-mono text-xs text-amber-100" data-testid="plan-conformance-outside">
            {outside.map((file) => (
              <li key={file.path}>
                {file.previousPath ? `${file.previousPath} → ${file.path}` : file.path}{' '}
                <span className="font-sans text-amber-300/80">({CHANGE_LABELS[file.change]})</span>
              </li>
            ))}
          </ul>
          {acknowledgement ? (
            <p className="text-xs text-slate-300" data-testid="plan-conformance-acknowledged">
              Acknowledged by {acknowledgement.by} when approving the diff.
            </p>
          ) : (
            reviewable && (
              <label className="flex items-start gap-2 text-xs text-amber-100">
                <input
                  type="checkbox"
                  checked={acknowledged}
                  onChange={(event) => onAcknowledgedChange(event.target.checked)}
                  className="mt-0.5"
                />
                I have reviewed {outside.length === 1 ? 'this change' : `these ${outside.length} changes`} outside the
                plan and accept {outside.length === 1 ? 'it' : 'them'} in the pull request.
              </label>
            )
          )}
        </div>
      )}
    </section>
  );
}
