import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchAttemptDiff, fetchAttemptDiffs, fetchTaskDiff } from '../api/tasks.api';

/** The presented diff, or with `attempt` the change after that coding round. */
export function useTaskDiff(taskId: string, attempt?: number) {
  return useQuery({
    queryKey: attempt === undefined ? queryKeys.tasks.diff(taskId) : queryKeys.tasks.attemptDiff(taskId, attempt),
    queryFn: () => (attempt === undefined ? fetchTaskDiff(taskId) : fetchAttemptDiff(taskId, attempt)),
    // Switching attempts keeps the view (and the focused attempt control) until the other diff arrives.
    placeholderData: keepPreviousData,
  });
}

export function useTaskAttemptDiffs(taskId: string) {
  return useQuery({ queryKey: queryKeys.tasks.attemptDiffs(taskId), queryFn: () => fetchAttemptDiffs(taskId) });
}
