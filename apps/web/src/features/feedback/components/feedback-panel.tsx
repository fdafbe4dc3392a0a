import type { FeedbackRating, FeedbackTally, TaskFeedbackView } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Card } from '../../../ui/card';
import { useMe } from '../../auth/hooks/use-me';
import { useSubmitFeedback, useTaskFeedback } from '../hooks/use-feedback';

export interface FeedbackPanelProps {
  taskId: string;
  /** The files of the task's latest diff. */
  files: readonly string[];
  /** Developers and admins vote; viewers see the tallies. */
  canVote: boolean;
}

/** Thumbs up/down on the whole change and on each file of it, with what everyone said so far. */
export function FeedbackPanel({ taskId, files, canVote }: FeedbackPanelProps) {
  const feedback = useTaskFeedback(taskId);
  const submit = useSubmitFeedback(taskId);
  const me = useMe();
  const [comment, setComment] = useState('');
  const myVote = (filePath: string | null): FeedbackRating | null =>
    feedback.data?.votes.find((vote) => vote.filePath === filePath && vote.by.id === me.data?.userId)?.rating ?? null;
  const vote = (rating: FeedbackRating, filePath?: string) =>
    submit.mutate(
      { rating, ...(filePath ? { filePath } : {}), ...(filePath === undefined && comment.trim() ? { comment } : {}) },
      { onSuccess: () => filePath === undefined && setComment('') },
    );

  return (
    <Card title="Feedback" testId="feedback-panel">
      <div className="space-y-3 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-slate-300">This change as a whole</span>
          <Thumbs
            label="the change"
            tally={feedback.data?.task ?? { up: 0, down: 0 }}
            mine={myVote(null)}
            disabled={!canVote || submit.isPending}
            onVote={(rating) => vote(rating)}
          />
          {canVote && (
            <input
              aria-label="Why? (optional, sent with your vote on the change)"
              placeholder="Why? (optional)"
              value={comment}
              maxLength={2000}
              onChange={(event) => setComment(event.target.value)}
              className="min-w-48 flex-1 rounded-md bg-slate-950 px-2 py-1 text-xs text-slate-100 ring-1 ring-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-400"
            />
          )}
        </div>
        <ul className="space-y-1" aria-label="Feedback per file">
          {files.map((path) => (
            <li key={path} className="flex items-center justify-between gap-2">
              <span className="truncate font-mono text-xs text-slate-300">{path}</span>
              <Thumbs
                label={path}
                tally={tallyOf(feedback.data, path)}
                mine={myVote(path)}
                disabled={!canVote || submit.isPending}
                onVote={(rating) => vote(rating, path)}
              />
            </li>
          ))}
        </ul>
        <VoteComments view={feedback.data} />
        {(submit.error ?? feedback.error) && (
          <Banner tone="error" onDismiss={() => submit.reset()}>
            {describeError(submit.error ?? feedback.error)}
          </Banner>
        )}
      </div>
    </Card>
  );
}

function tallyOf(view: TaskFeedbackView | undefined, path: string): FeedbackTally {
  return view?.files.find((file) => file.path === path) ?? { up: 0, down: 0 };
}

interface ThumbsProps {
  label: string;
  tally: FeedbackTally;
  mine: FeedbackRating | null;
  disabled: boolean;
  onVote: (rating: FeedbackRating) => void;
}

function Thumbs({ label, tally, mine, disabled, onVote }: ThumbsProps) {
  const button = (rating: FeedbackRating, icon: string, words: string) => (
    <button
      type="button"
      aria-pressed={mine === rating}
      aria-label={`${words} ${label} (${tally[rating]})`}
      disabled={disabled}
      onClick={() => onVote(rating)}
      className={`rounded-md px-2 py-0.5 text-xs ring-1 focus-visible:outline-2 focus-visible:outline-indigo-400 disabled:cursor-not-allowed ${mine === rating ? 'bg-indigo-500/30 text-white ring-indigo-400' : 'bg-slate-900 text-slate-300 ring-slate-700 hover:bg-slate-800'}`}
    >
      <span aria-hidden>{icon}</span> {tally[rating]}
    </button>
  );
  return (
    <span className="flex shrink-0 gap-1">
      {button('up', '👍', 'Thumbs up for')}
      {button('down', '👎', 'Thumbs down for')}
    </span>
  );
}

/** What voters wrote, so a down-vote explains itself to the next reviewer. */
function VoteComments({ view }: { view: TaskFeedbackView | undefined }) {
  const commented = (view?.votes ?? []).filter((vote) => vote.comment);
  if (commented.length === 0) return null;
  return (
    <ul className="space-y-1 border-t border-slate-800 pt-2 text-xs text-slate-400" aria-label="Feedback comments">
      {commented.map((vote) => (
        <li key={`${vote.by.id}-${vote.filePath ?? ''}`}>
          <span className="text-slate-200">{vote.by.login}</span> {vote.rating === 'up' ? '👍' : '👎'}
          {vote.filePath && <span className="font-mono"> {vote.filePath}</span>}: {vote.comment}
        </li>
      ))}
    </ul>
  );
}
