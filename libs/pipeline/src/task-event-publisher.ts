import type { MessageBus } from '@patchbay/bus';
import { MessagePatterns, newTaskEvent, type AuditRequested, type TaskEventPayload, type TaskEventType } from '@patchbay/contracts';

/** Raises task events (and audit requests) from the supervisor; the gateway persists them. */
export class TaskEventPublisher {
  constructor(private readonly bus: MessageBus) {}

  /** The payload's type follows from the event type: a payload the contracts do not describe does not compile. */
  raise<Type extends TaskEventType>(taskId: string, type: Type, payload: TaskEventPayload<Type>): Promise<void> {
    return this.bus.publish(MessagePatterns.TaskEventRaised, newTaskEvent(taskId, type, 'supervisor', payload));
  }

  /** Asks the gateway to append an audit entry for something the supervisor did on its own. */
  audit(entry: Omit<AuditRequested, 'service'>): Promise<void> {
    return this.bus.publish(MessagePatterns.AuditRequested, { service: 'supervisor', ...entry } satisfies AuditRequested);
  }
}
