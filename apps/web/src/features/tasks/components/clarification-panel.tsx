import { MAX_CLARIFICATION_ANSWER_LENGTH } from '@patchbay/contracts';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../ui/button';
import type { ClarificationView } from '../types/task-event-payloads';

export interface ClarificationPanelProps {
  clarifications: readonly ClarificationView[];
  /** The task waits on the latest question (status awaiting_clarification). */
  awaiting: boolean;
  /** The viewer may answer (the role that may approve a plan). */
  canAnswer: boolean;
  pending: boolean;
  onAnswer: (answer: string) => void;
}

const CLASSIFICATION_LABELS: Record<ClarificationView['classification'], string> = {
  feature: 'feature',
  bug_fix: 'bug fix',
  refactor: 'refactor',
  docs: 'docs',
};

/**
 * The planner's questions and their answers (ADR 0026), kept on the page for the whole task; while
 * the task waits on the latest one, its options are buttons that answer with one click and a form
 * takes an answer in the requester's own words.
 */
export function ClarificationPanel({
  clarifications,
  awaiting,
  canAnswer,
  pending,
  onAnswer,
}: ClarificationPanelProps) {
  const [draft, setDraft] = useState('');
  const open = clarifications.at(-1);
  const answerable = awaiting && canAnswer && open !== undefined && open.answer === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answer = draft.trim();
    if (answer) onAnswer(answer);
  };

  return (
    <section aria-label="Questions from the planner" className="space-y-3" data-testid="clarification-panel">
      <ol className="space-y-3">
        {clarifications.map((item) => (
          <li key={item.questionNumber} data-testid="clarification" className="space-y-1 text-sm">
            <p className="text-xs text-slate-400">
              Question {item.questionNumber} · the planner reads this as a {CLASSIFICATION_LABELS[item.classification]}
            </p>
            <p className="font-medium text-slate-100">{item.question}</p>
            {item.answer ? (
              <p className="text-slate-300" data-testid="clarification-answer">
                <span className="text-slate-400">
                  {item.answer.answeredBy} answered {item.answer.via === 'github' ? 'on GitHub' : 'in the dashboard'}:
                </span>{' '}
                {item.answer.answer}
              </p>
            ) : (
              item.options.length > 0 &&
              !answerable && <p className="text-xs text-slate-400">Options: {item.options.join(' · ')}</p>
            )}
          </li>
        ))}
      </ol>
      {awaiting && !canAnswer && (
        <p className="text-sm text-slate-400">The task waits for an answer from someone who may approve its plan.</p>
      )}
      {answerable && (
        <div className="space-y-2">
          {open.options.length > 0 && (
            <div className="flex flex-wrap gap-2" role="group" aria-label="Suggested answers">
              {open.options.map((option) => (
                <Button key={option} size="sm" disabled={pending} onClick={() => onAnswer(option)}>
                  {option}
                </Button>
              ))}
            </div>
          )}
          <form onSubmit={submit} className="space-y-2">
            <label className="block text-xs text-slate-400" htmlFor="clarification-answer">
              {open.options.length > 0 ? 'Or answer in your own words' : 'Your answer'}
            </label>
            <textarea
              id="clarification-answer"
              className="w-full rounded-md bg-slate-900 p-2 text-sm text-slate-100 ring-1 ring-slate-700"
              rows={3}
              maxLength={MAX_CLARIFICATION_ANSWER_LENGTH}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
            <Button type="submit" variant="primary" disabled={pending || draft.trim() === ''}>
              Send answer
            </Button>
          </form>
        </div>
      )}
    </section>
  );
}
