import { z } from 'zod';
import { planSchema } from '../plan';
import type { TaskStatus } from '../task-status';

/**
 * A task can be forked while it runs no step: it has finished, or waits for a person. Its
 * checkpoints and attempt diffs are then settled (ADR 0036).
 */
export const FORKABLE_PARENT_STATUSES: readonly TaskStatus[] = [
  'completed',
  'failed',
  'cancelled',
  'paused',
  'awaiting_plan_approval',
  'awaiting_clarification',
  'awaiting_diff_approval',
];

/**
 * `POST /tasks/:id/forks`: a new task that starts from one of this task's checkpoints (ADR 0036),
 * optionally with another model (one of the deployment's model choices) or an edited plan, which
 * is approved like any plan.
 */
export const createForkRequestSchema = z.strictObject({
  checkpointId: z
    .string({ error: 'checkpointId must be a string' })
    .trim()
    .min(1, 'checkpointId must not be empty')
    .max(100, 'checkpointId must be at most 100 characters'),
  model: z.string().trim().min(1, 'model must not be empty').max(200).optional(),
  plan: planSchema.optional(),
});
export type CreateForkRequest = z.infer<typeof createForkRequestSchema>;

/** Where a task was forked from: the parent and the stage of the checkpoint. */
export interface TaskForkOrigin {
  taskId: string;
  checkpointId: string;
  /** The node that had just run at the checkpoint (null when it is no longer recorded). */
  node: string | null;
  round: number | null;
}

export interface TaskForkSummary {
  taskId: string;
  status: string;
  model: string | null;
  checkpointId: string;
  node: string | null;
  createdAt: string;
}

/** `GET /tasks/:id/forks`: the task's parent link, its forks, and the models a fork may choose. */
export interface TaskLineage {
  forkedFrom: TaskForkOrigin | null;
  forks: TaskForkSummary[];
  modelChoices: string[];
}
