import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchTaskLineage } from '../api/timeline.api';

/** Where the task was forked from, its forks, and the models a fork may use. */
export function useTaskLineage(taskId: string) {
  return useQuery({ queryKey: queryKeys.tasks.lineage(taskId), queryFn: () => fetchTaskLineage(taskId) });
}
