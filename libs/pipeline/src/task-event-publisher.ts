import type { MessageBus } from '@patchbay/bus';
import {
  MessagePatterns,
  newTaskEvent,
  type AuditRequested,
  type TaskEventPayload,
  type TaskEventRecorded,
  type TaskEventType,
  type TaskStatus,
} from '@patchbay/contracts';
import type { TaskEventEntity, TaskEventRepository, TaskTransitionRepository } from '@patchbay/persistence';

/**
 * Records the supervisor's task events and status changes. Each is written to the database at
 * once, so the task's log keeps the order the supervisor raised them in (an `audio_ready` stays
 * before the `completed` it precedes), then named to the gateway, which broadcasts it (ADR 0020).
 */
export class TaskEventPublisher {
  constructor(
    private readonly bus: MessageBus,
    private readonly events: TaskEventRepository,
    private readonly transitions: TaskTransitionRepository,
  ) {}

  /**
   * The payload's type follows from the event type: a payload the contracts do not describe does
   * not compile. Dropped once the task is cancelled, like an agent's event, so the log ends at the
   * cancelled status.
   */
  async raise<Type extends TaskEventType>(taskId: string, type: Type, payload: TaskEventPayload<Type>): Promise<void> {
    const event = await this.events.appendUnlessCancelled(newTaskEvent(taskId, type, 'supervisor', payload));
    if (event) await this.announce(event);
  }

  /**
   * Moves the task's status with its `status_changed` event (one transaction). Returns the
   * previous status, or null when the task is there already — a replayed graph step records nothing twice.
   */
  async changeStatus(taskId: string, to: TaskStatus): Promise<TaskStatus | null> {
    const moved = await this.transitions.transitionTask({ taskId, to, agent: 'supervisor', unlessAlreadyThere: true });
    if (!moved) return null;
    await this.announce(moved.event);
    return moved.from;
  }

  /** Asks the gateway to append an audit entry for something the supervisor did on its own. */
  audit(entry: Omit<AuditRequested, 'service'>): Promise<void> {
    return this.bus.publish(MessagePatterns.AuditRequested, {
      service: 'supervisor',
      ...entry,
    } satisfies AuditRequested);
  }

  private announce(event: TaskEventEntity): Promise<void> {
    return this.bus.publish(MessagePatterns.TaskEventRecorded, {
      taskId: event.taskId,
      eventId: event.id,
    } satisfies TaskEventRecorded);
  }
}
