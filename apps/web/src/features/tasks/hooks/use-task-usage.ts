import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchTaskUsage } from '../api/tasks.api';

/** Tokens, cost and model calls so far; refreshed by status events, and every 15 s while the task runs. */
export function useTaskUsage(taskId: string, running: boolean) {
  return useQuery({
    queryKey: queryKeys.tasks.usage(taskId),
    queryFn: () => fetchTaskUsage(taskId),
    refetchInterval: running ? 15_000 : false,
  });
}
