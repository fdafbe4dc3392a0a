import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchPullRequest, mergePullRequest } from '../api/pull-request.api';

/** The task's pull request; asked for only once the task says it has one. */
export function usePullRequest(taskId: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.tasks.pullRequest(taskId), queryFn: () => fetchPullRequest(taskId), enabled });
}

export function useMergePullRequest(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => mergePullRequest(taskId),
    onSuccess: (merged) => {
      queryClient.setQueryData(queryKeys.tasks.pullRequest(taskId), merged);
      // The task's summary and every list that shows the PR's state change with it.
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.detail(taskId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
    },
  });
}
