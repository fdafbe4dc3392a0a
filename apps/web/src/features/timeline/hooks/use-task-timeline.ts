import type { TimelineEntryKind } from '@patchbay/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchTaskTimeline } from '../api/timeline.api';

/** The task's timeline with the chosen kinds; refreshed every 10 s while the task runs. */
export function useTaskTimeline(taskId: string, kinds: readonly TimelineEntryKind[] | null, running: boolean) {
  return useQuery({
    queryKey: queryKeys.tasks.timeline(taskId, kinds),
    queryFn: () => fetchTaskTimeline(taskId, kinds),
    refetchInterval: running ? 10_000 : false,
    // Switching filters keeps the list on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}
