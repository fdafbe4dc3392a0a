import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessagePatterns, newTaskEventSchema } from '@patchbay/contracts';
import { TaskEventsService } from './task-events.service';

/** Receives events that agents raise over the bus and feeds them into the task event stream. */
@Controller()
export class TaskEventConsumerController {
  private readonly logger = new Logger(TaskEventConsumerController.name);

  constructor(private readonly events: TaskEventsService) {}

  @EventPattern(MessagePatterns.TaskEventRaised)
  async onTaskEvent(@Payload() payload: unknown): Promise<void> {
    const parsed = newTaskEventSchema.safeParse(payload);
    if (!parsed.success) {
      // A malformed event will never become valid: drop it loudly instead of retrying it.
      this.logger.error({ msg: 'dropping malformed task event', issues: parsed.error.issues.map((i) => i.message) });
      return;
    }
    await this.events.raise(parsed.data);
  }
}
