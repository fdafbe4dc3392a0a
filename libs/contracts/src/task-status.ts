/**
 * The task status machine (docs/architecture.md, "A task's life"). Every status change in the
 * platform goes through `assertTransition`, so an illegal jump (say, `queued → publishing`) fails
 * loudly where it is attempted instead of corrupting the task's history.
 */
export const TASK_STATUSES = [
  'queued',
  'analysing',
  'planning',
  'awaiting_plan_approval',
  'awaiting_clarification',
  'executing',
  'validating',
  'paused',
  'awaiting_diff_approval',
  'publishing',
  'completed',
  'failed',
  'cancelled',
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TERMINAL_TASK_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

/** Statuses that hold one of the organisation's concurrent-task slots. */
export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter(
  (status) => !TERMINAL_TASK_STATUSES.includes(status),
);

const FORWARD_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  queued: ['analysing'],
  analysing: ['planning'],
  // A rejected plan is planned again; an approved one is executed.
  // A planner that reaches a budget pauses until the budget is raised.
  // A planner that asks the requester a question waits for the answer (ADR 0026).
  planning: ['awaiting_plan_approval', 'executing', 'paused', 'awaiting_clarification'],
  awaiting_plan_approval: ['planning', 'executing'],
  // The answer sends the task back to planning, with the question and answer in the planner's prompt.
  awaiting_clarification: ['planning'],
  executing: ['validating', 'paused'],
  validating: ['executing', 'awaiting_diff_approval', 'publishing', 'paused'],
  // "resumed" is not a resting state: a resumed task goes straight back to work, or back to
  // planning when the human asked for a different approach.
  paused: ['executing', 'validating', 'planning'],
  // Requested changes send the task back to the coding agent.
  awaiting_diff_approval: ['executing', 'publishing'],
  publishing: ['completed'],
  completed: [],
  failed: ['queued'],
  cancelled: ['queued'],
};

export class IllegalTaskTransitionError extends Error {
  constructor(
    readonly from: TaskStatus,
    readonly to: TaskStatus,
  ) {
    super(`A task cannot move from "${from}" to "${to}"`);
    this.name = 'IllegalTaskTransitionError';
  }
}

export function isTerminalStatus(status: TaskStatus): boolean {
  return TERMINAL_TASK_STATUSES.includes(status);
}

/** Which statuses may follow `from`; failure and cancellation are reachable from any live state. */
export function nextStatuses(from: TaskStatus): readonly TaskStatus[] {
  const forward = FORWARD_TRANSITIONS[from];
  return isTerminalStatus(from) ? forward : [...forward, 'failed', 'cancelled'];
}

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return nextStatuses(from).includes(to);
}

export function assertTransition(from: TaskStatus, to: TaskStatus): void {
  if (!canTransition(from, to)) throw new IllegalTaskTransitionError(from, to);
}
