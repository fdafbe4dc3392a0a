import { z } from 'zod';

/** `GET /tasks/:id/diff?attempt=N`: N counts the task's stored attempt diffs from 1, oldest first. */
export const taskDiffQuerySchema = z.strictObject({
  attempt: z.coerce
    .number({ error: 'attempt must be a whole number from 1' })
    .int('attempt must be a whole number from 1')
    .min(1, 'attempt must be a whole number from 1')
    .max(100_000, 'attempt must be at most 100000')
    .optional(),
});
export type TaskDiffQuery = z.infer<typeof taskDiffQuerySchema>;

/** One entry of `GET /tasks/:id/diffs`: the change as it stood after a coding round. */
export interface AttemptDiffSummary {
  /** What `?attempt=` takes: 1 for the first stored round's diff, in the order they were taken. */
  attempt: number;
  /** The coding round it followed (restarts at 1 after a change request or a re-plan). */
  round: number;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
}
