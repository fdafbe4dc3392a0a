import type { Plan } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { EmptyState } from '../../../ui/states';
import { useTaskAction } from '../hooks/use-task-actions';
import { approvedSteps, type DraftStep, draftFromPlan, isEdited, moveStep, updateStep } from '../lib/plan-draft';

/** Mount it with `key` set to the plan's seq: a new plan (after a rejection) starts a fresh draft, other events keep the edits. */
export interface PlanEditorProps {
  taskId: string;
  plan: Plan | null;
  /** Editing and approval are offered only while the task awaits plan approval and the user may approve. */
  editable: boolean;
}

export function PlanEditor({ taskId, plan, editable }: PlanEditorProps) {
  const [draft, setDraft] = useState<DraftStep[]>(() => draftFromPlan(plan?.steps ?? []));
  const [expanded, setExpanded] = useState<string | null>(null);
  const [feedback, setFeedback] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const action = useTaskAction(taskId);

  if (!plan) {
    return <EmptyState>No plan yet. The planner proposes one after analysing the repository; it appears here for review.</EmptyState>;
  }

  const edited = isEdited(plan.steps, draft);
  const kept = draft.filter((step) => !step.dropped).length;

  return (
    <div className="space-y-3" data-testid="plan-editor">
      <p className="text-sm text-slate-300">{plan.summary}</p>
      <ol className="space-y-2">
        {draft.map((step, index) => (
          <li key={step.id} data-testid="plan-step" data-step-id={step.id} data-dropped={step.dropped} className={`rounded-md border px-3 py-2 ${step.dropped ? 'border-dashed border-slate-700 opacity-60' : 'border-slate-700 bg-slate-900'}`}>
            <div className="flex items-start gap-2">
              <span className="mt-1.5 w-6 shrink-0 text-right font-mono text-xs text-slate-500">{index + 1}.</span>
              {editable ? (
                <input
                  aria-label={`Step ${index + 1} title`}
                  className={`${inputClass} ${step.dropped ? 'line-through' : ''}`}
                  value={step.title}
                  disabled={step.dropped}
                  onChange={(e) => setDraft(updateStep(draft, step.id, { title: e.target.value }))}
                />
              ) : (
                <span className={`flex-1 pt-1 text-sm ${step.dropped ? 'line-through' : ''}`}>{step.title}</span>
              )}
              <div className="flex shrink-0 items-center gap-1">
                <Button size="sm" variant="ghost" onClick={() => setExpanded(expanded === step.id ? null : step.id)} aria-expanded={expanded === step.id} aria-label={`Details of step ${index + 1}`}>
                  {expanded === step.id ? '▾' : '▸'}
                </Button>
                {editable && (
                  <>
                    <Button size="sm" variant="ghost" onClick={() => setDraft(moveStep(draft, index, -1))} disabled={index === 0} aria-label={`Move step ${index + 1} up`}>↑</Button>
                    <Button size="sm" variant="ghost" onClick={() => setDraft(moveStep(draft, index, 1))} disabled={index === draft.length - 1} aria-label={`Move step ${index + 1} down`}>↓</Button>
                    <Button size="sm" variant="ghost" onClick={() => setDraft(updateStep(draft, step.id, { dropped: !step.dropped }))}>
                      {step.dropped ? 'Restore' : 'Drop'}
                    </Button>
                  </>
                )}
              </div>
            </div>
            {expanded === step.id && (
              <div className="mt-2 space-y-2 pl-8 text-sm">
                {editable ? (
                  <textarea aria-label={`Step ${index + 1} detail`} className={inputClass} rows={3} value={step.detail} onChange={(e) => setDraft(updateStep(draft, step.id, { detail: e.target.value }))} />
                ) : (
                  <p className="whitespace-pre-wrap text-slate-300">{step.detail || 'No detail.'}</p>
                )}
                {step.files.length > 0 && <p className="font-mono text-xs text-slate-400">{step.files.join(', ')}</p>}
                {editable && (
                  <input aria-label={`Step ${index + 1} note`} className={inputClass} placeholder="Add a note for the agent" value={step.note ?? ''} onChange={(e) => setDraft(updateStep(draft, step.id, { note: e.target.value }))} />
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {action.error && <Banner tone="error">{describeError(action.error)}</Banner>}
      {editable && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary" disabled={kept === 0 || action.isPending} onClick={() => action.mutate({ kind: 'approve-plan', steps: edited ? approvedSteps(draft) : undefined })}>
              {edited ? `Approve edited plan (${kept} steps)` : 'Approve plan'}
            </Button>
            <Button variant="danger" onClick={() => setRejecting(!rejecting)} aria-expanded={rejecting}>Reject…</Button>
            {edited && <Button variant="ghost" onClick={() => setDraft(draftFromPlan(plan.steps))}>Reset edits</Button>}
          </div>
          {rejecting && (
            <form
              className="flex flex-col gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                action.mutate({ kind: 'reject-plan', feedback });
              }}
            >
              <label htmlFor="plan-feedback" className="text-sm text-slate-300">What should the planner do differently?</label>
              <textarea id="plan-feedback" className={inputClass} rows={3} value={feedback} onChange={(e) => setFeedback(e.target.value)} />
              <div>
                <Button type="submit" variant="danger" disabled={action.isPending}>Send feedback and re-plan</Button>
              </div>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
