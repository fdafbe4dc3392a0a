import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { checkNewTaskEvent, MessagePatterns, taskEventRecordedSchema } from '@patchbay/contracts';
import { TaskEventsService } from './task-events.service';

/**
 * Receives events over the bus and feeds them into the task event stream: events agents raise
 * (persisted here) and events the supervisor persisted itself (read back). Whoever reacts to
 * events (the GitHub notifier) subscribes to the stream.
 */
@Controller()
export class TaskEventConsumerController {
  private readonly logger = new Logger(TaskEventConsumerController.name);

  constructor(private readonly events: TaskEventsService) {}

  @EventPattern(MessagePatterns.TaskEventRaised)
  async onTaskEvent(@Payload() payload: unknown): Promise<void> {
    // A malformed event is dropped here, logged with what is wrong, and acknowledged: retrying cannot fix it.
    const checked = checkNewTaskEvent(payload);
    if (!checked.ok) {
      this.logger.error({ msg: 'dropping malformed task event', ...describeRaised(payload), issues: checked.issues });
      return;
    }
    await this.events.raiseFromAgent(checked.event);
  }

  @EventPattern(MessagePatterns.TaskEventRecorded)
  async onTaskEventRecorded(@Payload() payload: unknown): Promise<void> {
    const notice = acceptMessage(taskEventRecordedSchema, payload, this.logger, 'recorded task event');
    if (!notice) return;
    const event = await this.events.broadcastStored(notice.eventId);
    if (!event) {
      this.logger.warn({
        msg: 'notice about an event that is not stored dropped',
        taskId: notice.taskId,
        eventId: notice.eventId,
      });
    }
  }
}

/** Which task, type and producer a rejected message claimed, as far as it says, so the log line can be traced. */
function describeRaised(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null) return {};
  const { taskId, type, agent } = payload as Record<string, unknown>;
  return { taskId, type, agent };
}
