import { z } from 'zod';

/**
 * Messages every running instance of every service receives, unlike MessagePatterns whose
 * messages go to one consumer of one service's queue. They are notices, not work: not persisted,
 * not retried, lost by an instance that is down — which is fine for what they say (that instance
 * holds no in-flight work to stop).
 */
export const BroadcastPatterns = {
  /** gateway → every service: a task was cancelled; abort its model calls, sandbox execs and loops now. */
  TaskCancelled: 'broadcast.task.cancelled',
} as const;

export type BroadcastPattern = (typeof BroadcastPatterns)[keyof typeof BroadcastPatterns];

export const taskCancelledNoticeSchema = z.object({
  taskId: z.uuid(),
  cancelledBy: z.uuid(),
  /** When the gateway recorded the cancelled status; agents report how long stopping took from it. */
  at: z.iso.datetime(),
});
export type TaskCancelledNotice = z.infer<typeof taskCancelledNoticeSchema>;
