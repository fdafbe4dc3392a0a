import type { TaskStatus } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import { TaskCancelledError } from './task-cancelled.error';

/**
 * Enters a stage: refuses to go on when the task was cancelled meanwhile, moves the status and
 * announces it once. Safe to replay: a repeated move to the same status changes and emits nothing.
 */
export async function enterStage(deps: PipelineDependencies, taskId: string, status: TaskStatus): Promise<void> {
  const current = await deps.store.currentStatus(taskId);
  if (current === 'cancelled' || current === null) throw new TaskCancelledError(taskId);
  const from = await deps.store.moveTo(taskId, status);
  if (from !== null) await deps.events.raise(taskId, 'status_changed', { from, to: status });
}

export function requireBrief<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`the task graph reached a step without ${what}`);
  return value;
}
