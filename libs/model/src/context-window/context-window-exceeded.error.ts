/**
 * A conversation that cannot be made to fit its budget: the part that must never be dropped —
 * the system message(s) and the first human message (the assignment) — is larger than the budget
 * on its own. Raise the model's context window, reserve fewer output tokens, or shorten the
 * assignment (fewer localized files, trimmed instructions).
 */
export class ContextWindowExceededError extends Error {
  constructor(
    readonly details: {
      /** Tokens the protected messages need, reply priming included. */
      requiredTokens: number;
      budgetTokens: number;
      /** How many messages were protected (system messages and the assignment). */
      protectedMessages: number;
    },
  ) {
    super(
      `The system message and the assignment alone take ${details.requiredTokens} tokens, over the budget of ${details.budgetTokens} ` +
        '(context window minus reserved output); raise the context window or shorten the assignment',
    );
    this.name = 'ContextWindowExceededError';
  }
}
