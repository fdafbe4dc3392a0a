import { z } from 'zod';
import type { TaskStatus } from '../task-status';

/** The longest question a reviewer may ask about a change. */
export const MAX_EXPLANATION_QUESTION = 2_000;
/** The most lines one question may select; a longer stretch is a question about the file. */
export const MAX_EXPLAINED_LINES = 500;

/**
 * The statuses in which a task has a diff to explain: under review, and afterwards. Before it the
 * stored diff (if any) is an earlier round's, which the reviewer is not looking at.
 */
export const EXPLAINABLE_TASK_STATUSES: readonly TaskStatus[] = ['awaiting_diff_approval', 'publishing', 'completed'];

/** Lines of one file as the diff numbers them: the new file's numbers, or the old file's for removed lines. */
export const explainedLinesSchema = z
  .object({ start: z.number().int().min(1), end: z.number().int().min(1) })
  .refine((lines) => lines.end >= lines.start, { message: 'end must not be before start', path: ['end'] })
  .refine((lines) => lines.end - lines.start < MAX_EXPLAINED_LINES, {
    message: `select at most ${MAX_EXPLAINED_LINES} lines`,
    path: ['end'],
  });
export type ExplainedLines = z.infer<typeof explainedLinesSchema>;

/** `POST /api/v1/tasks/:id/diff/explanations`: a question about the whole change, one file, or lines of it. */
export const explainChangeRequestSchema = z
  .object({
    question: z.string().trim().min(1, 'ask a question').max(MAX_EXPLANATION_QUESTION),
    /** A path the diff changes (its new path for a rename). */
    file: z.string().min(1).max(1_000).optional(),
    lines: explainedLinesSchema.optional(),
  })
  .refine((request) => !request.lines || request.file !== undefined, {
    message: 'lines need the file they are in',
    path: ['file'],
  });
export type ExplainChangeRequest = z.infer<typeof explainChangeRequestSchema>;

/** 202: the question is on the task's log; the answer follows as events with this id. */
export const explainChangeAcceptedSchema = z.object({ explanationId: z.uuid() });
export type ExplainChangeAccepted = z.infer<typeof explainChangeAcceptedSchema>;
