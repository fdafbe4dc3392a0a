import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchTaskCandidates, selectTaskCandidate } from '../api/candidates.api';

/** The task's candidates; read again whenever the task's events say the selection or a candidate changed. */
export function useTaskCandidates(taskId: string, version: number) {
  return useQuery({
    queryKey: [...queryKeys.tasks.candidates(taskId), version],
    queryFn: () => fetchTaskCandidates(taskId),
  });
}

/** Chooses another candidate; the task then shows its diff for approval (events bring the progress). */
export function useSelectCandidate(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (index: number) => selectTaskCandidate(taskId, index),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.detail(taskId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.candidates(taskId) });
    },
  });
}
