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
export class TaskConstraintNotices {
  private readonly inboxes = new Map<string, Set<AddedConstraint[]>>();

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

  /** An inbox for a round of the task, receiving from now until it is closed. */
  open(taskId: string): ConstraintInbox {
    const queue: AddedConstraint[] = [];
    const set = this.inboxes.get(taskId) ?? new Set<AddedConstraint[]>();
    set.add(queue);
    this.inboxes.set(taskId, set);
    return {
      take: () => queue.splice(0),
      size: () => queue.length,
      close: () => {
        set.delete(queue);
        if (set.size === 0 && this.inboxes.get(taskId) === set) this.inboxes.delete(taskId);
      },
    };
  }

  private deliver({ taskId, ...constraint }: TaskConstraintAddedNotice): void {
    const queues = this.inboxes.get(taskId);
    for (const queue of queues ?? []) queue.push(constraint);
    this.logger.log({ msg: 'constraint notice heard', taskId, constraintId: constraint.id, rounds: queues?.size ?? 0 });
  }
}
