import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchTaskCheckpoints } from '../api/timeline.api';

/** The task's graph checkpoints; refreshed every 10 s while the task runs. */
export function useTaskCheckpoints(taskId: string, running: boolean) {
  return useQuery({
    queryKey: queryKeys.tasks.checkpoints(taskId),
    queryFn: () => fetchTaskCheckpoints(taskId),
    refetchInterval: running ? 10_000 : false,
  });
}
