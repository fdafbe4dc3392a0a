import { summariseRequiredChecks } from '@patchbay/contracts';
import type { TaskGraphStateType } from './task-graph.state';

export type AfterValidation = 'check_dependencies' | 'execute' | 'pause' | 'required_checks';

/**
 * Where a validated round goes. Only a change judged done (judgeValidation) whose required checks
 * all passed reaches the diff, its approval (automatic or not) and publishing. Failing tests or
 * checks go back to the coder while rounds are left; then failing tests pause the task, and
 * failing checks of an otherwise done change wait at `required_checks` for a person to waive them.
 */
export function afterValidation(maxRounds: number) {
  return (state: TaskGraphStateType): AfterValidation => {
    const checksSettled = summariseRequiredChecks(state.requiredChecks ?? []).settled;
    if (state.verdict?.done === true && checksSettled) return 'check_dependencies';
    if (state.round < maxRounds) return 'execute';
    return state.verdict?.done === true ? 'required_checks' : 'pause';
  };
}
