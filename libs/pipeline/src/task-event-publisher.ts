import type { MessageBus } from '@patchbay/bus';
import { MessagePatterns, type TaskEventType } from '@patchbay/contracts';

/** Raises task events from the supervisor; the gateway persists them and streams them to clients. */
export class TaskEventPublisher {
  constructor(private readonly bus: MessageBus) {}

  raise(taskId: string, type: TaskEventType, payload: Record<string, unknown>): Promise<void> {
    return this.bus.publish(MessagePatterns.TaskEventRaised, { taskId, type, agent: 'supervisor', payload });
  }
}
