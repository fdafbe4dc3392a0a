import type { BudgetReached } from '@patchbay/contracts';

/**
 * A model call refused before it was made because a budget is reached. Not a model failure: no
 * retry, no fallback; the task pauses until someone raises the budget.
 */
export class BudgetExceededError extends Error {
  constructor(readonly reached: BudgetReached) {
    super(reached.message);
    this.name = 'BudgetExceededError';
  }
}
