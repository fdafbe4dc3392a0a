import type { LoggerService } from '@nestjs/common';
import type { MessageBus } from '@patchbay/bus';
import {
  BroadcastPatterns,
  taskConstraintAddedNoticeSchema,
  type AddedConstraint,
  type TaskConstraintAddedNotice,
} from '@patchbay/contracts';

/** The constraints heard for one task while one coding round runs. */
export interface ConstraintInbox {
  /** The notices heard since the last call, oldest first; each is handed out once. */
  take(): AddedConstraint[];
  /** How many notices wait to be taken. */
  size(): number;
  close(): void;
}

/**
 * This instance's view of constraints developers add to running tasks: it hears the gateway's
 * TaskConstraintAdded broadcast and files each notice in the inbox of every round running that
 * task here. Notices for tasks with no round here are dropped: a later round reads the stored
 * constraints in its request.
 */
interface Inbox {
  queue: AddedConstraint[];
  onHeard?: (constraint: AddedConstraint) => void;
}

export class TaskConstraintNotices {
  private readonly inboxes = new Map<string, Set<Inbox>>();

  constructor(
    private readonly bus: MessageBus,
    private readonly logger: LoggerService,
  ) {}

  /** Starts listening; call once when the service starts. */
  listen(): Promise<void> {
    return this.bus.subscribe(BroadcastPatterns.TaskConstraintAdded, (payload) => {
      const notice = taskConstraintAddedNoticeSchema.safeParse(payload);
      if (!notice.success) {
        this.logger.warn?.({ msg: 'malformed constraint notice dropped' });
        return;
      }
      this.deliver(notice.data);
    });
  }

  /**
   * An inbox for a round of the task, receiving from now until it is closed; `onHeard` is told of
   * each notice as it arrives (the round reports the delivery in the task's log).
   */
  open(taskId: string, onHeard?: (constraint: AddedConstraint) => void): ConstraintInbox {
    const inbox: Inbox = { queue: [], onHeard };
    const set = this.inboxes.get(taskId) ?? new Set<Inbox>();
    set.add(inbox);
    this.inboxes.set(taskId, set);
    return {
      take: () => inbox.queue.splice(0),
      size: () => inbox.queue.length,
      close: () => {
        set.delete(inbox);
        if (set.size === 0 && this.inboxes.get(taskId) === set) this.inboxes.delete(taskId);
      },
    };
  }

  private deliver({ taskId, ...constraint }: TaskConstraintAddedNotice): void {
    const inboxes = this.inboxes.get(taskId);
    for (const inbox of inboxes ?? []) {
      inbox.queue.push(constraint);
      inbox.onHeard?.(constraint);
    }
    this.logger.log({
      msg: 'constraint notice heard',
      taskId,
      constraintId: constraint.id,
      rounds: inboxes?.size ?? 0,
    });
  }
}
