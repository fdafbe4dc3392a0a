import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { queryKeys, type TaskListFilters } from '../../../api/query-keys';
import { fetchTask, listTasks } from '../api/tasks.api';
import { isTerminalStatus } from '@patchbay/contracts';
import { isTaskStatus } from '../types/task-event-payloads';

/** A page of tasks, newest first; the dashboard refreshes it while tasks are running. */
export function useTasks(filters: TaskListFilters) {
  return useQuery({
    queryKey: queryKeys.tasks.list(filters),
    queryFn: () => listTasks(filters),
    refetchInterval: 10_000,
  });
}

/** Tasks with cursor pagination ("Load more"), for the history page. */
export function useTaskHistory(filters: TaskListFilters) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.tasks.list(filters), 'infinite'],
    queryFn: ({ pageParam }) => listTasks({ ...filters, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Changing a filter keeps the current rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useTask(taskId: string) {
  return useQuery({
    queryKey: queryKeys.tasks.detail(taskId),
    queryFn: () => fetchTask(taskId),
    // Status changes arrive as events and invalidate this query; the interval is a safety net.
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return isTaskStatus(status) && isTerminalStatus(status) ? false : 15_000;
    },
  });
}
