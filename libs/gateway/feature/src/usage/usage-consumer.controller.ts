import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, usageRecordedSchema } from '@patchbay/contracts';
import { UsageService } from './usage.service';

/** Stores the usage (tokens, cost, time) agents report for each model call. */
@Controller()
export class UsageConsumerController {
  private readonly logger = new Logger(UsageConsumerController.name);

  constructor(private readonly usage: UsageService) {}

  @EventPattern(MessagePatterns.UsageRecorded)
  async onUsage(@Payload() payload: unknown): Promise<void> {
    const message = acceptMessage(usageRecordedSchema, payload, this.logger, 'usage record');
    if (!message) return;
    await this.usage.record(message);
  }
}
