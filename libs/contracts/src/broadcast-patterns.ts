import { z } from 'zod';
import { addedConstraintSchema } from './task-constraint';

/**
 * Messages every running instance of every service receives, unlike MessagePatterns whose
 * messages go to one consumer of one service's queue. They are notices, not work: not persisted,
 * not retried, lost by an instance that is down — which is fine for what they say (that instance
 * holds no in-flight work to stop).
 */
export const BroadcastPatterns = {
  /** gateway → every service: a task was cancelled; abort its model calls, sandbox execs and loops now. */
  TaskCancelled: 'broadcast.task.cancelled',
  /**
   * gateway → every service: a developer added a constraint to a running task; the coding round
   * running it applies the file rules at once and hands the note to the model before its next step.
   * A missed notice costs only the running round: later rounds read the stored constraints.
   */
  TaskConstraintAdded: 'broadcast.task.constraint-added',
} as const;

export type BroadcastPattern = (typeof BroadcastPatterns)[keyof typeof BroadcastPatterns];

export const taskCancelledNoticeSchema = z.object({
  taskId: z.uuid(),
  cancelledBy: z.uuid(),
  /** When the gateway recorded the cancelled status; agents report how long stopping took from it. */
  at: z.iso.datetime(),
});
export type TaskCancelledNotice = z.infer<typeof taskCancelledNoticeSchema>;

export const taskConstraintAddedNoticeSchema = addedConstraintSchema.extend({ taskId: z.uuid() });
export type TaskConstraintAddedNotice = z.infer<typeof taskConstraintAddedNoticeSchema>;
