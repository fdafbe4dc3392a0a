import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessagePatterns, usageRecordedSchema } from '@patchbay/contracts';
import { UsageRepository } from '@patchbay/persistence';

/** Stores the usage (tokens, cost, time) agents report for each model call. */
@Controller()
export class UsageConsumerController {
  private readonly logger = new Logger(UsageConsumerController.name);

  constructor(private readonly usage: UsageRepository) {}

  @EventPattern(MessagePatterns.UsageRecorded)
  async onUsage(@Payload() payload: unknown): Promise<void> {
    const parsed = usageRecordedSchema.safeParse(payload);
    if (!parsed.success) {
      this.logger.error({ msg: 'dropping malformed usage record', issues: parsed.error.issues.map((i) => i.message) });
      return;
    }
    await this.usage.insert(parsed.data);
  }
}
