import { isTerminalStatus, type TaskEvent, type TaskStatus } from '@patchbay/contracts';

export type RecoveryAction = 'fix_it' | 'change_approach' | 'resume' | 'abort' | 'retry';

/** The latest `error` event of a task, as the error banner shows it. */
export interface TaskError {
  seq: number;
  agent: string;
  category: string | null;
  severity: 'warning' | 'error' | 'critical';
  message: string;
  /** A longer report (e.g. the failing tests after the last round), shown on demand. */
  report: string | null;
  recoverable: boolean | null;
  /** The actions the producer offers, when it says; otherwise they follow from the status. */
  actions: RecoveryAction[] | null;
}

const ACTIONS: readonly RecoveryAction[] = ['fix_it', 'change_approach', 'resume', 'abort', 'retry'];

/** How the dashboard names the error categories the pipeline and gateway raise. */
export const ERROR_CATEGORY_LABELS: Record<string, string> = {
  transient: 'Temporary failure',
  user_correctable: 'Needs a change of settings',
  code_logic: 'Code problem',
  security: 'Security',
  bus_unavailable: 'Not handed over yet',
};

export function categoryLabel(category: string | null): string {
  if (!category) return 'Error';
  return ERROR_CATEGORY_LABELS[category] ?? category.replace(/_/g, ' ');
}

function parseError(event: TaskEvent): TaskError {
  const p = event.payload;
  const severity = p['severity'] === 'warning' || p['severity'] === 'critical' ? p['severity'] : 'error';
  const actions = Array.isArray(p['actions']) ? p['actions'].filter((action): action is RecoveryAction => ACTIONS.includes(action as RecoveryAction)) : null;
  return {
    seq: event.seq,
    agent: event.agent,
    category: typeof p['category'] === 'string' ? p['category'] : null,
    severity,
    message: typeof p['message'] === 'string' && p['message'] ? p['message'] : 'The task reported an error.',
    report: typeof p['report'] === 'string' && p['report'].trim() ? p['report'] : null,
    recoverable: typeof p['recoverable'] === 'boolean' ? p['recoverable'] : null,
    actions,
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
    if (event.type === 'status_changed' && event.payload['to'] !== 'failed' && event.payload['to'] !== 'paused') return null;
  }
  return null;
}

/**
 * The recovery actions the banner offers for an error in the task's current status. What the
 * producer offers is kept only where the API accepts it now: resume (fix it / change approach)
 * needs a paused task, abort (cancel) a task still running, retry a failed or cancelled one.
 */
export function recoveryActions(error: TaskError, status: TaskStatus): RecoveryAction[] {
  const possible = (action: RecoveryAction) => {
    // resume: go on where the task stopped (a budget pause, once the budget is raised).
    if (action === 'fix_it' || action === 'change_approach' || action === 'resume') return status === 'paused';
    if (action === 'abort') return !isTerminalStatus(status);
    return status === 'failed' || status === 'cancelled';
  };
  const offered = error.actions ?? (status === 'paused' ? ['fix_it', 'change_approach', 'abort'] : ['retry', 'abort']);
  // A failed task can always be run again, even when its error did not offer it (not recoverable as is).
  const withRetry: RecoveryAction[] = status === 'failed' || status === 'cancelled' ? [...offered, 'retry'] : offered;
  return ACTIONS.filter((action) => withRetry.includes(action) && possible(action));
}
