import {
  type ErrorSeverity,
  isTerminalStatus,
  type RecoveryAction,
  type TaskErrorCategory,
  type TaskEvent,
  type TaskEventOf,
  type TaskStatus,
} from '@patchbay/contracts';

/**
 * The recovery actions the banner offers, in its order. `raise_budget` is not among them: the
 * budget panel beside the banner is where a budget is raised.
 */
export const BANNER_ACTIONS = [
  'fix_it',
  'change_approach',
  'resume',
  'abort',
  'retry',
] as const satisfies readonly RecoveryAction[];
export type BannerAction = (typeof BANNER_ACTIONS)[number];

function isBannerAction(action: RecoveryAction): action is BannerAction {
  return (BANNER_ACTIONS as readonly RecoveryAction[]).includes(action);
}

/** The latest `error` event of a task, as the error banner shows it. */
export interface TaskError {
  seq: number;
  agent: string;
  category: TaskErrorCategory;
  severity: ErrorSeverity;
  message: string;
  /** A longer report (e.g. the failing tests after the last round), shown on demand. */
  report: string | null;
  recoverable: boolean | null;
  /** The actions the producer offers, when it says; otherwise they follow from the status. */
  actions: BannerAction[] | null;
}

/** How the dashboard names the error categories the pipeline and gateway raise. */
export const ERROR_CATEGORY_LABELS: Partial<Record<TaskErrorCategory, string>> = {
  transient: 'Temporary failure',
  user_correctable: 'Needs a change of settings',
  code_logic: 'Code problem',
  security: 'Security',
  bus_unavailable: 'Not handed over yet',
};

export function categoryLabel(category: TaskErrorCategory): string {
  return ERROR_CATEGORY_LABELS[category] ?? category.replace(/_/g, ' ');
}

function parseError(event: TaskEventOf<'error'>): TaskError {
  const { category, severity, message, report, recoverable, actions } = event.payload;
  return {
    seq: event.seq,
    agent: event.agent,
    category,
    severity: severity ?? 'error',
    message: message || 'The task reported an error.',
    report: report?.trim() ? report : null,
    recoverable: recoverable ?? null,
    actions: actions ? actions.filter(isBannerAction) : null,
  };
}

/**
 * The error that still applies: the latest `error` event, unless the task has moved on since
 * (a later status change to anything but failed or paused means it recovered or was retried).
 */
export function currentError(events: readonly TaskEvent[]): TaskError | null {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (!event) continue;
    if (event.type === 'error') return parseError(event);
    if (event.type === 'status_changed' && event.payload.to !== 'failed' && event.payload.to !== 'paused') return null;
  }
  return null;
}

/**
 * The recovery actions the banner offers for an error in the task's current status. What the
 * producer offers is kept only where the API accepts it now: resume (fix it / change approach)
 * needs a paused task, abort (cancel) a task still running, retry a failed or cancelled one.
 */
export function recoveryActions(error: TaskError, status: TaskStatus): BannerAction[] {
  const possible = (action: BannerAction) => {
    // resume: go on where the task stopped (a budget pause, once the budget is raised).
    if (action === 'fix_it' || action === 'change_approach' || action === 'resume') return status === 'paused';
    if (action === 'abort') return !isTerminalStatus(status);
    return status === 'failed' || status === 'cancelled';
  };
  const offered: BannerAction[] =
    error.actions ?? (status === 'paused' ? ['fix_it', 'change_approach', 'abort'] : ['retry', 'abort']);
  // A failed task can always be run again, even when its error did not offer it (not recoverable as is).
  const withRetry: BannerAction[] = status === 'failed' || status === 'cancelled' ? [...offered, 'retry'] : offered;
  return BANNER_ACTIONS.filter((action) => withRetry.includes(action) && possible(action));
}
