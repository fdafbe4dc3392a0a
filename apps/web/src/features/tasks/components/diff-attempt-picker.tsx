import type { AttemptDiffSummary } from '@patchbay/contracts';

/** 'latest' (the diff presented for approval) or an attempt number. */
export type DiffChoice = 'latest' | number;

/**
 * Names an attempt as the Tests tab does ("Attempt <round>"); rounds start again after a change
 * request or a re-plan, so a repeated round also says which time it was.
 */
export function attemptLabel(attempts: readonly AttemptDiffSummary[], entry: AttemptDiffSummary): string {
  const sameRound = attempts.filter((other) => other.round === entry.round);
  if (sameRound.length === 1) return `Attempt ${entry.round}`;
  return `Attempt ${entry.round} (${sameRound.indexOf(entry) + 1} of ${sameRound.length})`;
}

/** The Diff tab's attempt control, mirroring the Tests tab's. */
export function DiffAttemptPicker({
  attempts,
  value,
  onChange,
}: {
  attempts: readonly AttemptDiffSummary[];
  value: DiffChoice;
  onChange: (next: DiffChoice) => void;
}) {
  if (attempts.length === 0) return null;
  return (
    <label className="flex items-center gap-2 text-xs text-slate-400">
      Attempt
      <select
        aria-label="Show the diff of"
        className="rounded border border-slate-700 bg-slate-900 px-1.5 py-1 text-xs text-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-400"
        value={String(value)}
        onChange={(event) => onChange(event.target.value === 'latest' ? 'latest' : Number(event.target.value))}
      >
        <option value="latest">Latest (for review)</option>
        {attempts.map((entry) => (
          <option key={entry.attempt} value={String(entry.attempt)}>
            {attemptLabel(attempts, entry)}
          </option>
        ))}
      </select>
    </label>
  );
}
