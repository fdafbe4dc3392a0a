import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, newTaskEventSchema } from '@patchbay/contracts';
import { GithubTaskNotifier } from '../github/github-task-notifier.service';
import { TaskEventsService } from './task-events.service';

/** Receives events that agents raise over the bus, feeds them into the task event stream and tells GitHub threads. */
@Controller()
export class TaskEventConsumerController {
  private readonly logger = new Logger(TaskEventConsumerController.name);

  constructor(
    private readonly events: TaskEventsService,
    private readonly github: GithubTaskNotifier,
  ) {}

  @EventPattern(MessagePatterns.TaskEventRaised)
  async onTaskEvent(@Payload() payload: unknown): Promise<void> {
    const message = acceptMessage(newTaskEventSchema, payload, this.logger, 'task event');
    if (!message) return;
    const event = await this.events.raiseFromAgent(message);
    if (!event) {
      this.logger.debug({ msg: 'event for a cancelled task dropped', taskId: message.taskId, type: message.type, agent: message.agent });
      return;
    }
    await this.github.onEvent(event);
  }
}
