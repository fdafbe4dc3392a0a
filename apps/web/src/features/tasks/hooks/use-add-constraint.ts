import type { AddTaskConstraintRequest } from '@patchbay/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { addTaskConstraint } from '../api/tasks.api';

/** Adds a constraint to the running task; its `constraint_added` event reaches the log through the event stream. */
export function useAddConstraint(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AddTaskConstraintRequest) => addTaskConstraint(taskId, request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.detail(taskId) }),
  });
}
