import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, newTaskEventSchema } from '@patchbay/contracts';
import { TaskEventsService } from './task-events.service';

/** Receives events that agents raise over the bus and feeds them into the task event stream. */
@Controller()
export class TaskEventConsumerController {
  private readonly logger = new Logger(TaskEventConsumerController.name);

  constructor(private readonly events: TaskEventsService) {}

  @EventPattern(MessagePatterns.TaskEventRaised)
  async onTaskEvent(@Payload() payload: unknown): Promise<void> {
    const message = acceptMessage(newTaskEventSchema, payload, this.logger, 'task event');
    if (!message) return;
    await this.events.raiseFromAgent(message);
  }
}
