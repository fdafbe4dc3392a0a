import type { BacklogDiffRow } from '@patchbay/contracts';

const CHANGE_STYLES: Record<BacklogDiffRow['change'], string> = {
  added: 'border-emerald-600 bg-emerald-950/50 text-emerald-100',
  changed: 'border-amber-600 bg-amber-950/40 text-amber-100',
  removed: 'border-rose-700 bg-rose-950/40 text-rose-200 line-through',
  unchanged: 'border-transparent text-slate-400',
};

const CHANGE_MARKS: Record<BacklogDiffRow['change'], string> = {
  added: '+',
  changed: '~',
  removed: '−',
  unchanged: ' ',
};

/** A proposed patch as the tree it leads to: added, changed and removed tasks marked, removed ones where they were. */
export function PatchDiff({ rows }: { rows: readonly BacklogDiffRow[] }) {
  return (
    <ul className="space-y-0.5 font-mono text-xs" aria-label="Proposed changes to the tree">
      {rows.map((row) => (
        <li
          key={`${row.change}:${row.id}`}
          data-testid="patch-diff-row"
          data-change={row.change}
          className={`rounded border-l-2 px-2 py-0.5 ${CHANGE_STYLES[row.change]}`}
          style={{ marginLeft: `${(row.depth - 1) * 1.25}rem` }}
        >
          <span aria-hidden className="mr-1.5 inline-block w-2">
            {CHANGE_MARKS[row.change]}
          </span>
          <span className="sr-only">{row.change}: </span>
          <span data-testid="patch-diff-title">{row.title}</span>
          {row.previousTitle && <span className="ml-2 text-slate-400 line-through">{row.previousTitle}</span>}
          {row.changedFields.length > 0 && (
            <span className="ml-2 text-[0.7rem] text-slate-400">({row.changedFields.join(', ')})</span>
          )}
          {row.change === 'added' && row.acceptanceCriteria.length > 0 && (
            <ul className="ml-4 list-disc text-[0.7rem] text-emerald-200/80">
              {row.acceptanceCriteria.map((criterion) => (
                <li key={criterion}>{criterion}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
