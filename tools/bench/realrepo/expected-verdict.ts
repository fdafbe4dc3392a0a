/**
 * The verdict each scenario must get, and whether a task got it. "Done must be true": only the
 * correct fix may be published; everything else must end without a pull request, paused for a
 * human after its tests were run, whatever rounds it went back to the coder for on the way.
 */
import type { ScenarioKind } from './case-definition';
import type { PlayerLog } from './scenario-player';
import type { TaskOutcome } from './task-outcome';

export type ExpectedVerdict =
  'completed' | 'not published' | 'completed if the broken edit is refused, else not published';

export const EXPECTED_VERDICTS: Record<ScenarioKind, ExpectedVerdict> = {
  correct: 'completed',
  wrong: 'not published',
  regression: 'not published',
  'missed-target': 'not published',
  unparseable: 'completed if the broken edit is refused, else not published',
};

/** Whether the platform refused the scenario's unparseable edit (an `edit_file` answered with an error). */
export function brokenEditRefused(log: PlayerLog): boolean {
  return log.refusedCalls.some((call) => call.tool === 'edit_file');
}

export function isVerdictRight(kind: ScenarioKind, outcome: TaskOutcome, log: PlayerLog): boolean {
  const completed = outcome.status === 'completed' && outcome.published;
  // Withheld for the right reason: the platform judged a run of the tests after the edits and
  // paused for a human. A task that failed before judging anything (a timeout, a lost sandbox)
  // published nothing, but it gave no verdict either.
  const withheld = !outcome.published && outcome.status === 'paused' && outcome.lastRun !== null;
  switch (kind) {
    case 'correct':
      return completed;
    case 'wrong':
    case 'regression':
    case 'missed-target':
      return withheld;
    case 'unparseable':
      // Refused: the model's follow-up is the correct fix, which must then complete. Accepted: the
      // file is broken, and nothing that contains it may be published.
      return brokenEditRefused(log) ? completed : withheld;
  }
}
