import type { ExplainChangeRequest } from '@patchbay/contracts';
import { useMutation } from '@tanstack/react-query';
import { explainChange } from '../api/tasks.api';

/** Asks about the diff; the question and its answer then arrive on the task's event stream (useTaskEvents). */
export function useExplainChange(taskId: string) {
  return useMutation({ mutationFn: (request: ExplainChangeRequest) => explainChange(taskId, request) });
}
