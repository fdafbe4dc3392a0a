import { z } from 'zod';
import type { TaskConstraints } from './api/task.api';
import { TASK_STATUSES, TERMINAL_TASK_STATUSES, type TaskStatus } from './task-status';

/**
 * Statuses in which a developer may add a constraint: the task has not ended and has not begun
 * publishing, so a coding round is running or may still come (issue 20). Derived rather than
 * listed, so a waiting status added later is covered without another edit.
 */
export const CONSTRAINABLE_TASK_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter(
  (status) => !TERMINAL_TASK_STATUSES.includes(status) && status !== 'publishing',
);

export const TASK_CONSTRAINT_NOTE_MAX_CHARS = 2_000;

/** The file rules of one addition; the same bounds as a task's constraints at creation. */
export const addedFileRulesSchema = z.object({
  avoidFiles: z.array(z.string().min(1).max(1_000)).max(100).optional(),
  maxFilesChanged: z.number().int().min(1).max(1_000).optional(),
});
export type AddedFileRules = z.infer<typeof addedFileRulesSchema>;

/**
 * A constraint added while the task runs, as stored and as handed to the coder: a note, more files
 * to avoid, a lower limit on changed files — any of them.
 */
export const addedConstraintSchema = addedFileRulesSchema.extend({
  id: z.uuid(),
  note: z.string().max(TASK_CONSTRAINT_NOTE_MAX_CHARS).optional(),
  /** The login of the developer who added it. */
  addedBy: z.string(),
  at: z.iso.datetime(),
});
export type AddedConstraint = z.infer<typeof addedConstraintSchema>;

/**
 * Folds additions into the task's constraints. Additions only narrow: the files to avoid are the
 * union, the limit on changed files the lowest ever given. Applied the same way by the supervisor
 * (next round's request) and the coding agent (the running round), so neither can widen a rule
 * whatever order the additions reach it in.
 */
export function mergeTaskConstraints(base: TaskConstraints, additions: readonly AddedFileRules[]): TaskConstraints {
  const avoidFiles = [...new Set([...(base.avoidFiles ?? []), ...additions.flatMap((a) => a.avoidFiles ?? [])])];
  const limits = [base.maxFilesChanged, ...additions.map((a) => a.maxFilesChanged)].filter(
    (limit): limit is number => limit !== undefined,
  );
  return {
    ...(avoidFiles.length > 0 ? { avoidFiles } : {}),
    ...(limits.length > 0 ? { maxFilesChanged: Math.min(...limits) } : {}),
  };
}

/**
 * Why an addition would widen the task's current rules, or null. Only the limit on changed files
 * can: a higher limit than the one in force is refused rather than silently ignored.
 */
export function constraintWidening(current: TaskConstraints, addition: AddedFileRules): string | null {
  if (
    addition.maxFilesChanged !== undefined &&
    current.maxFilesChanged !== undefined &&
    addition.maxFilesChanged >= current.maxFilesChanged
  ) {
    return `maxFilesChanged: the task already allows at most ${current.maxFilesChanged} changed files, and a constraint can only lower the limit`;
  }
  return null;
}
