import { firstBudgetReached, type BudgetLine } from '@patchbay/contracts';
import { BudgetExceededError, type ModelUsage, type UsageSink } from '@patchbay/model';

/**
 * A coding round's budgets where the service has no database (the coding agent in the Kubernetes
 * manifests cannot reach Postgres): the supervisor sends the task's budget lines as they stood when
 * the round started, and the calls of this round are added to every line as they are made. The
 * coder's and the summariser's models of the round share one allowance.
 */
export class RoundAllowance {
  private readonly spent = { usd: 0, tokens: 0 };

  constructor(private readonly lines: readonly BudgetLine[]) {}

  wrap(sink: UsageSink | undefined): UsageSink {
    return {
      beforeCall: async () => {
        const reached = firstBudgetReached(this.current());
        if (reached) throw new BudgetExceededError(reached);
      },
      record: async (usage: ModelUsage) => {
        this.spent.usd += usage.costUsd;
        this.spent.tokens += usage.promptTokens + usage.completionTokens;
        await sink?.record(usage);
      },
    };
  }

  /** The lines with this round's calls added (a line's window does not matter within a round). */
  current(): BudgetLine[] {
    return this.lines.map((line) => ({
      ...line,
      spent: {
        usd: Math.round((line.spent.usd + this.spent.usd) * 1_000_000) / 1_000_000,
        tokens: line.spent.tokens + this.spent.tokens,
      },
    }));
  }
}
