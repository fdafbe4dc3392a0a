import type { MessageBus } from '@patchbay/bus';
import { MessagePatterns, type UsageRecorded } from '@patchbay/contracts';
import type { ModelUsage, UsageSink } from '@patchbay/model';

export interface UsageOwner {
  organisationId: string;
  userId: string | null;
  taskId: string | null;
}

/** Reports each model call's usage to the gateway over the bus; the gateway stores it. */
export class BusUsageSink implements UsageSink {
  constructor(
    private readonly bus: MessageBus,
    private readonly owner: UsageOwner,
  ) {}

  async record(usage: ModelUsage): Promise<void> {
    const message: UsageRecorded = { ...this.owner, ...usage };
    await this.bus.publish(MessagePatterns.UsageRecorded, message);
  }
}
