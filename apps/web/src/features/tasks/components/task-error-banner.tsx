import type { TaskStatus } from '@patchbay/contracts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { useTaskAction } from '../hooks/use-task-actions';
import { type BannerAction, categoryLabel, recoveryActions, type TaskError } from '../lib/task-recovery';

const SEVERITY_TONES: Record<TaskError['severity'], string> = {
  warning: 'border-amber-700 bg-amber-950/60 text-amber-100',
  error: 'border-rose-700 bg-rose-950/60 text-rose-100',
  critical: 'border-rose-500 bg-rose-950 text-rose-50',
};

const LABELS: Record<BannerAction, string> = {
  fix_it: 'Fix it',
  change_approach: 'Change approach',
  resume: 'Resume',
  abort: 'Abort',
  retry: 'Retry',
};

/** What each note-taking action asks the human, and what its note is for. */
const PROMPTS: Partial<Record<BannerAction, { label: string; hint: string; submit: string }>> = {
  fix_it: {
    label: 'A hint for the coding agent (optional)',
    hint: 'It gets another set of rounds to make the tests pass, with your note.',
    submit: 'Resume with more rounds',
  },
  change_approach: {
    label: 'What should the planner try instead? (optional)',
    hint: 'The task goes back to planning; you review the new plan.',
    submit: 'Re-plan',
  },
  abort: { label: '', hint: 'The task is cancelled; no pull request is opened.', submit: 'Abort the task' },
};

export interface TaskErrorBannerProps {
  taskId: string;
  error: TaskError;
  status: TaskStatus;
  /** Whether the user may act (developer or admin); viewers see the error only. */
  canAct: boolean;
}

/** The task's current error with its category and the recovery actions the API accepts now. */
export function TaskErrorBanner({ taskId, error, status, canAct }: TaskErrorBannerProps) {
  const action = useTaskAction(taskId);
  const [choice, setChoice] = useState<BannerAction | null>(null);
  const [note, setNote] = useState('');
  const actions = canAct ? recoveryActions(error, status) : [];

  const run = (chosen: BannerAction) => {
    const done = {
      onSuccess: () => {
        setChoice(null);
        setNote('');
      },
    };
    if (chosen === 'fix_it') action.mutate({ kind: 'resume', action: 'fix_it', note }, done);
    else if (chosen === 'change_approach') action.mutate({ kind: 'resume', action: 'change_approach', note }, done);
    else if (chosen === 'resume') action.mutate({ kind: 'resume', action: 'resume' }, done);
    else if (chosen === 'abort') action.mutate({ kind: 'cancel' }, done);
    else action.mutate({ kind: 'retry' }, done);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice) run(choice);
  };

  const prompt = choice ? PROMPTS[choice] : undefined;
  return (
    <div
      role="alert"
      className={`space-y-2 rounded-md border px-3 py-2 text-sm ${SEVERITY_TONES[error.severity]}`}
      data-testid="task-error"
      data-category={error.category}
      data-severity={error.severity}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0">
          <span
            className="mr-2 rounded bg-black/30 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide"
            data-testid="task-error-category"
          >
            {categoryLabel(error.category)}
          </span>
          <span className="whitespace-pre-wrap">{error.message}</span>
          <span className="ml-2 text-xs opacity-70">({error.agent})</span>
        </p>
        {actions.length > 0 && (
          <div className="flex flex-wrap gap-2" role="group" aria-label="Recovery actions">
            {actions.map((candidate) => (
              <Button
                key={candidate}
                size="sm"
                variant={
                  candidate === 'abort'
                    ? 'danger'
                    : candidate === 'retry' || candidate === 'fix_it' || candidate === 'resume'
                      ? 'primary'
                      : 'secondary'
                }
                disabled={action.isPending}
                aria-expanded={PROMPTS[candidate] ? choice === candidate : undefined}
                onClick={() =>
                  PROMPTS[candidate] ? setChoice(choice === candidate ? null : candidate) : run(candidate)
                }
              >
                {LABELS[candidate]}
              </Button>
            ))}
          </div>
        )}
      </div>
      {error.report && (
        <details className="text-xs">
          <summary className="cursor-pointer opacity-90">Report</summary>
          <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap rounded bg-black/30 p-2 font-mono">
            {error.report}
          </pre>
        </details>
      )}
      {choice && prompt && (
        <form onSubmit={submit} className="space-y-2 border-t border-white/10 pt-2" aria-label={LABELS[choice]}>
          <p className="text-xs opacity-90">{prompt.hint}</p>
          {prompt.label && (
            <>
              <label htmlFor="recovery-note" className="block text-xs font-medium">
                {prompt.label}
              </label>
              <textarea
                id="recovery-note"
                className={inputClass}
                rows={2}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            </>
          )}
          <div className="flex gap-2">
            <Button
              type="submit"
              size="sm"
              variant={choice === 'abort' ? 'danger' : 'primary'}
              disabled={action.isPending}
            >
              {prompt.submit}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setChoice(null)}>
              Back
            </Button>
          </div>
        </form>
      )}
      {action.error && <p className="text-xs font-medium">{describeError(action.error)}</p>}
    </div>
  );
}
