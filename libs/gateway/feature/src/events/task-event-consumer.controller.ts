import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { checkNewTaskEvent, MessagePatterns } from '@patchbay/contracts';
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
    // A malformed event is dropped here, logged with what is wrong, and acknowledged: retrying cannot fix it.
    const checked = checkNewTaskEvent(payload);
    if (!checked.ok) {
      this.logger.error({ msg: 'dropping malformed task event', ...describeRaised(payload), issues: checked.issues });
      return;
    }
    const message = checked.event;
    const event = await this.events.raiseFromAgent(message);
    if (!event) {
      this.logger.debug({ msg: 'event for a cancelled task dropped', taskId: message.taskId, type: message.type, agent: message.agent });
      return;
    }
    await this.github.onEvent(event);
  }
}

/** Which task, type and producer a rejected message claimed, as far as it says, so the log line can be traced. */
function describeRaised(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null) return {};
  const { taskId, type, agent } = payload as Record<string, unknown>;
  return { taskId, type, agent };
}
