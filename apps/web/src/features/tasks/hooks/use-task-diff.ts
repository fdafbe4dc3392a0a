import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchTaskDiff } from '../api/tasks.api';

export function useTaskDiff(taskId: string) {
  return useQuery({ queryKey: queryKeys.tasks.diff(taskId), queryFn: () => fetchTaskDiff(taskId) });
}
