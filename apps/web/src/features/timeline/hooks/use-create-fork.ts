import type { CreateForkRequest } from '@patchbay/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { navigate } from '../../../app/router';
import { createFork } from '../api/timeline.api';

/** Forks the task from a checkpoint, then opens the new task. */
export function useCreateFork(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateForkRequest) => createFork(taskId, request),
    onSuccess: async (fork) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lineage(taskId) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
      navigate(`/tasks/${fork.id}`);
    },
  });
}
