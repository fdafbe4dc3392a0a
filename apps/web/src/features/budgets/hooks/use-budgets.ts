import type { SetBudgetRequest, TaskBudgetRequest } from '@patchbay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchBudgetOverview, fetchTaskBudget, setBudget, setTaskBudget } from '../api/budgets.api';

/** Spend against the task's budgets; every 15 s while the task runs, like its usage. */
export function useTaskBudget(taskId: string, running: boolean) {
  return useQuery({
    queryKey: queryKeys.tasks.budget(taskId),
    queryFn: () => fetchTaskBudget(taskId),
    refetchInterval: running ? 15_000 : false,
  });
}

export function useSetTaskBudget(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: TaskBudgetRequest) => setTaskBudget(taskId, request),
    onSuccess: (view) => queryClient.setQueryData(queryKeys.tasks.budget(taskId), view),
  });
}

export function useBudgetOverview() {
  return useQuery({ queryKey: queryKeys.admin.budgets, queryFn: fetchBudgetOverview, refetchInterval: 30_000 });
}

export function useSetBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SetBudgetRequest) => setBudget(request),
    onSuccess: (overview) => queryClient.setQueryData(queryKeys.admin.budgets, overview),
  });
}
