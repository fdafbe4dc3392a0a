import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, newTaskEventSchema, taskEventRecordedSchema } from '@patchbay/contracts';
import { GithubTaskNotifier } from '../github/github-task-notifier.service';
import { TaskEventsService } from './task-events.service';

/**
 * Receives events over the bus, feeds them into the task event stream and tells GitHub threads:
 * events agents raise (persisted here), and events the supervisor persisted itself (read back).
 */
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

  @EventPattern(MessagePatterns.TaskEventRecorded)
  async onTaskEventRecorded(@Payload() payload: unknown): Promise<void> {
    const notice = acceptMessage(taskEventRecordedSchema, payload, this.logger, 'recorded task event');
    if (!notice) return;
    const event = await this.events.broadcastStored(notice.eventId);
    if (!event) {
      this.logger.warn({ msg: 'notice about an event that is not stored dropped', taskId: notice.taskId, eventId: notice.eventId });
      return;
    }
    await this.github.onEvent(event);
  }
}
