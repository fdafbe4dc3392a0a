import type { MessageBus } from '@patchbay/bus';
import { MessagePatterns, type AuditRequested, type TaskEventType } from '@patchbay/contracts';

/** Raises task events (and audit requests) from the supervisor; the gateway persists them. */
export class TaskEventPublisher {
  constructor(private readonly bus: MessageBus) {}

  raise(taskId: string, type: TaskEventType, payload: Record<string, unknown>): Promise<void> {
    return this.bus.publish(MessagePatterns.TaskEventRaised, { taskId, type, agent: 'supervisor', payload });
  }

  /** Asks the gateway to append an audit entry for something the supervisor did on its own. */
  audit(entry: Omit<AuditRequested, 'service'>): Promise<void> {
    return this.bus.publish(MessagePatterns.AuditRequested, { service: 'supervisor', ...entry } satisfies AuditRequested);
  }
}
