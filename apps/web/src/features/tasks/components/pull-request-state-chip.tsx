import type { TaskPullRequestSummary } from '@patchbay/contracts';

const STATE_CLASSES: Record<TaskPullRequestSummary['state'], string> = {
  open: 'bg-emerald-900/60 text-emerald-200 ring-emerald-700',
  merged: 'bg-violet-900/60 text-violet-200 ring-violet-700',
  closed: 'bg-rose-900/60 text-rose-200 ring-rose-700',
};

/** "open", "open · draft", "merged" or "closed", coloured as forges colour them. */
export function PullRequestStateChip({ state, draft }: Pick<TaskPullRequestSummary, 'state' | 'draft'>) {
  const label = state === 'open' && draft ? 'open · draft' : state;
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-xs ring-1 ${STATE_CLASSES[state]}`}
      data-testid="pr-state"
      data-state={state}
      data-draft={draft}
    >
      {label}
    </span>
  );
}
