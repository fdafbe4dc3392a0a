import type { TaskStatus } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import { TaskCancelledError } from './task-cancelled.error';

/**
 * Enters a stage: refuses to go on when the task was cancelled meanwhile, moves the status and
 * records it once. Safe to replay: a repeated move to the same status changes and records nothing.
 */
export async function enterStage(deps: PipelineDependencies, taskId: string, status: TaskStatus): Promise<void> {
  const current = await deps.store.currentStatus(taskId);
  if (current === 'cancelled' || current === null) throw new TaskCancelledError(taskId);
  await deps.events.changeStatus(taskId, status);
}

export function requireBrief<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`the task graph reached a step without ${what}`);
  return value;
}
