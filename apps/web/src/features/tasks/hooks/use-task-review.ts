import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchTaskReview } from '../api/tasks.api';

/** Plan versions and decisions of a task; refetched when a plan or a decision event arrives (useTaskEvents). */
export function useTaskReview(taskId: string) {
  return useQuery({ queryKey: queryKeys.tasks.review(taskId), queryFn: () => fetchTaskReview(taskId) });
}
