import type { BudgetOverview, SetBudgetRequest, TaskBudgetRequest, TaskBudgetView } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

export function fetchTaskBudget(taskId: string): Promise<TaskBudgetView> {
  return requestJson<TaskBudgetView>(`/tasks/${encodeURIComponent(taskId)}/budget`);
}

export function setTaskBudget(taskId: string, request: TaskBudgetRequest): Promise<TaskBudgetView> {
  return requestJson<TaskBudgetView>(`/tasks/${encodeURIComponent(taskId)}/budget`, { method: 'PUT', body: request });
}

export function fetchBudgetOverview(): Promise<BudgetOverview> {
  return requestJson<BudgetOverview>('/admin/budgets');
}

export function setBudget(request: SetBudgetRequest): Promise<BudgetOverview> {
  return requestJson<BudgetOverview>('/admin/budgets', { method: 'PUT', body: request });
}
