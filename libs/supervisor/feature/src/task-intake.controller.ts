import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MessagePatterns, startTaskCommandSchema, type NewTaskEvent } from '@patchbay/contracts';

/**
 * Where tasks enter the supervisor. It acknowledges each start on the task's event stream; the
 * LangGraph pipeline that drives a task through its stages plugs in here (see docs/architecture.md).
 */
@Controller()
export class TaskIntakeController {
  private readonly logger = new Logger(TaskIntakeController.name);
  /** Start commands already taken, by idempotency key, so a redelivered one is ignored. */
  private readonly accepted = new Set<string>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @EventPattern(MessagePatterns.StartTask)
  async onStartTask(@Payload() payload: unknown): Promise<void> {
    const parsed = startTaskCommandSchema.safeParse(payload);
    if (!parsed.success) {
      this.logger.error({ msg: 'dropping malformed start command', issues: parsed.error.issues.map((i) => i.message) });
      return;
    }
    const command = parsed.data;
    if (this.accepted.has(command.idempotencyKey)) {
      this.logger.log({ msg: 'ignoring duplicate start command', idempotencyKey: command.idempotencyKey });
      return;
    }
    this.accepted.add(command.idempotencyKey);
    this.logger.log({ msg: 'task received', taskId: command.taskId, attempt: command.attempt });
    const event: NewTaskEvent = {
      taskId: command.taskId,
      type: 'agent_thought',
      agent: 'supervisor',
      payload: { message: `Supervisor received the task (attempt ${command.attempt})`, idempotencyKey: command.idempotencyKey },
    };
    await this.bus.publish(MessagePatterns.TaskEventRaised, event);
  }
}
