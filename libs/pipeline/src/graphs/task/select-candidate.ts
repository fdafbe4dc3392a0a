/**
 * What the best-of-N selection compares (ADR 0034). `checksPassed` is the result of the
 * repository's required checks on the candidate's change; undefined (none ran) counts as passed.
 */
export interface CandidateStanding {
  index: number;
  /** False when the candidate never reached a verdict (its sandbox or an agent failed). */
  finished: boolean;
  checksPassed?: boolean;
  /** The validation verdict: target tests met and nothing new fails (judgeValidation). */
  done: boolean;
  newFailures: number;
  /** Lines added plus lines removed. */
  changedLines: number;
  /** Whether the candidate changed anything at all: a candidate with no change can never be published. */
  changed: boolean;
}

export interface CandidateChoice {
  index: number;
  /** The rule that decided, in words for the task log. */
  reason: string;
}

/**
 * Picks the candidate the task carries on with. In order: finished with a change; required checks
 * passed; done (target tests met, nothing new fails); fewest new failures; smallest change;
 * lowest index. Null when no candidate finished with a change.
 */
export function selectCandidate(candidates: readonly CandidateStanding[]): CandidateChoice | null {
  const usable = candidates.filter((candidate) => candidate.finished && candidate.changed);
  if (usable.length === 0) return null;
  const ranked = [...usable].sort(
    (a, b) =>
      rank(checksOk(b)) - rank(checksOk(a)) ||
      rank(b.done) - rank(a.done) ||
      a.newFailures - b.newFailures ||
      a.changedLines - b.changedLines ||
      a.index - b.index,
  );
  const chosen = ranked[0];
  return { index: chosen.index, reason: reasonFor(chosen, usable) };
}

const checksOk = (candidate: CandidateStanding): boolean => candidate.checksPassed !== false;
const rank = (value: boolean): number => (value ? 1 : 0);

function reasonFor(chosen: CandidateStanding, usable: readonly CandidateStanding[]): string {
  const others = usable.filter((candidate) => candidate.index !== chosen.index);
  if (others.length === 0) return 'the only candidate that finished with a change';
  if (!checksOk(chosen))
    return 'no candidate passed the required checks; fewest new failures, then the smallest change';
  const checked = others.filter(checksOk);
  if (checked.length === 0) return 'the only candidate whose required checks passed';
  if (chosen.done) {
    const alsoDone = checked.filter((candidate) => candidate.done);
    if (alsoDone.length === 0) return 'the only candidate that passes the tests (target tests met, nothing new fails)';
    const smaller = alsoDone.every((candidate) => candidate.changedLines > chosen.changedLines);
    return smaller
      ? `passes the tests with the smallest change (${chosen.changedLines} changed lines)`
      : `passes the tests; as small as another, and the lowest-numbered (${chosen.changedLines} changed lines)`;
  }
  return `no candidate passes the tests; fewest new failures (${chosen.newFailures}), then the smallest change (${chosen.changedLines} changed lines)`;
}
