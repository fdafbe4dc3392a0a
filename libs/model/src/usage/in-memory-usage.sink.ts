import { ModelUsage, UsageSink } from './usage-sink';

/** Keeps usage in memory, for tests and for the all-in-one demo's summaries. */
export class InMemoryUsageSink implements UsageSink {
  readonly records: ModelUsage[] = [];

  async record(usage: ModelUsage): Promise<void> {
    this.records.push(usage);
  }

  totalCostUsd(): number {
    return this.records.reduce((sum, usage) => sum + usage.costUsd, 0);
  }
}
