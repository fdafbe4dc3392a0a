import { z } from 'zod';

/**
 * What a person can do about a task that stopped, in one vocabulary for the `error` event's
 * `actions`, the dashboard's buttons, `POST /tasks/:id/resume` and the supervisor's pause nodes.
 * `fix_it`: another set of coding rounds with the person's note. `change_approach`: back to
 * planning with it. `resume`: go on where the task stopped (a budget pause, once the budget is
 * raised). `raise_budget`: raise the budget that stopped the task (then `resume`). `abort`: cancel.
 * `retry`: run a failed or cancelled task again.
 */
export const RECOVERY_ACTIONS = ['fix_it', 'change_approach', 'resume', 'raise_budget', 'abort', 'retry'] as const;
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

/** The recovery actions that go on with a paused task (`abort` is `/cancel`, `retry` is `/retry`, a budget is raised on its own route). */
export const RESUME_ACTIONS = ['fix_it', 'change_approach', 'resume'] as const satisfies readonly RecoveryAction[];
export type ResumeAction = (typeof RESUME_ACTIONS)[number];

/**
 * `fix` is how the REST API and the resume command spelled `fix_it` before there was one
 * vocabulary; clients and queued commands that still send it keep working.
 */
const ACCEPTED_RESUME_ACTIONS = [...RESUME_ACTIONS, 'fix'] as const;

/** A resume action as clients send it: one of {@link RESUME_ACTIONS}, or the legacy `fix` read as `fix_it`. */
export const resumeActionSchema = z
  .enum(ACCEPTED_RESUME_ACTIONS, {
    error: `action must be one of ${RESUME_ACTIONS.map((action) => `"${action}"`).join(', ')}`,
  })
  .transform((action): ResumeAction => (action === 'fix' ? 'fix_it' : action));
