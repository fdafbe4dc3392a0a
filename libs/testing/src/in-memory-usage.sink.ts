import type { ModelUsage, UsageSink } from '@patchbay/model';

/** Keeps usage in memory, for specs that check what a model call reported. */
export class InMemoryUsageSink implements UsageSink {
  readonly records: ModelUsage[] = [];

  async record(usage: ModelUsage): Promise<void> {
    this.records.push(usage);
  }

  totalCostUsd(): number {
    return this.records.reduce((sum, usage) => sum + usage.costUsd, 0);
  }
}
