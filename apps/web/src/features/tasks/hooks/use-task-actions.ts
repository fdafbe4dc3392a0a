import type { CreateTaskRequest, PlanStep, TargetTest, TaskView } from '@patchbay/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { approveDiff, approvePlan, cancelTask, createTask, rejectDiff, rejectPlan, resumeTask, retryTask } from '../api/tasks.api';

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTaskRequest) => createTask(request),
    onSuccess: (task) => {
      queryClient.setQueryData(queryKeys.tasks.detail(task.id), task);
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
    },
  });
}

export type TaskAction =
  | { kind: 'approve-plan'; steps?: PlanStep[]; targetTests?: TargetTest[] }
  | { kind: 'reject-plan'; feedback: string }
  | { kind: 'approve-diff' }
  | { kind: 'reject-diff'; feedback: string }
  | { kind: 'cancel' }
  | { kind: 'resume'; action: 'fix' | 'change_approach'; note?: string }
  | { kind: 'retry' };

function run(taskId: string, action: TaskAction): Promise<TaskView> {
  switch (action.kind) {
    case 'approve-plan':
      return approvePlan(taskId, { steps: action.steps, targetTests: action.targetTests });
    case 'reject-plan':
      return rejectPlan(taskId, { feedback: action.feedback });
    case 'approve-diff':
      return approveDiff(taskId);
    case 'reject-diff':
      return rejectDiff(taskId, { feedback: action.feedback });
    case 'cancel':
      return cancelTask(taskId);
    case 'resume':
      return resumeTask(taskId, { action: action.action, ...(action.note?.trim() ? { note: action.note.trim() } : {}) });
    case 'retry':
      return retryTask(taskId);
  }
}

/** Approvals, rejections, cancel and retry: each answers the updated task, which replaces the cached one. */
export function useTaskAction(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: TaskAction) => run(taskId, action),
    onSuccess: (task) => {
      queryClient.setQueryData(queryKeys.tasks.detail(taskId), task);
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.awaitingReview });
    },
  });
}
