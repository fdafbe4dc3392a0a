import { z } from 'zod';
import { TASK_CONSTRAINT_NOTE_MAX_CHARS } from '../task-constraint';

/** `POST /api/v1/tasks/:id/constraints`: a note, files to avoid from now on, a lower limit on changed files. */
export const addTaskConstraintRequestSchema = z
  .strictObject({
    note: z.string().trim().min(1, 'note must not be empty').max(TASK_CONSTRAINT_NOTE_MAX_CHARS).optional(),
    avoidFiles: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(1_000)
          .refine((pattern) => !pattern.split('/').includes('..'), 'a pattern must not contain ".." segments'),
      )
      .min(1)
      .max(100)
      .optional(),
    maxFilesChanged: z.number().int().min(1).max(1_000).optional(),
  })
  .refine((body) => body.note !== undefined || body.avoidFiles !== undefined || body.maxFilesChanged !== undefined, {
    message: 'give at least one of note, avoidFiles, maxFilesChanged',
  });
export type AddTaskConstraintRequest = z.infer<typeof addTaskConstraintRequestSchema>;
