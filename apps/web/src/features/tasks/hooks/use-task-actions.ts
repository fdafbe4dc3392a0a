import type {
  CreateTaskRequest,
  PlanStep,
  ResumeAction,
  ReviewComment,
  TargetTest,
  TaskView,
} from '@patchbay/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import {
  answerClarification,
  approveDiff,
  approvePlan,
  cancelTask,
  createTask,
  rejectDiff,
  rejectPlan,
  resumeTask,
  retryTask,
} from '../api/tasks.api';

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
  | { kind: 'approve-plan'; steps?: PlanStep[]; targetTests?: TargetTest[]; baseVersion?: number }
  | { kind: 'reject-plan'; feedback: string; baseVersion?: number }
  | { kind: 'approve-diff'; acknowledgeOutOfPlan?: string[] }
  | { kind: 'reject-diff'; feedback: string; comments?: ReviewComment[] }
  | { kind: 'answer-clarification'; answer: string }
  | { kind: 'cancel' }
  | { kind: 'resume'; action: ResumeAction; note?: string }
  | { kind: 'retry' };

function run(taskId: string, action: TaskAction): Promise<TaskView> {
  switch (action.kind) {
    case 'approve-plan':
      return approvePlan(taskId, {
        steps: action.steps,
        targetTests: action.targetTests,
        baseVersion: action.baseVersion,
      });
    case 'reject-plan':
      return rejectPlan(taskId, {
        feedback: action.feedback,
        ...(action.baseVersion !== undefined ? { baseVersion: action.baseVersion } : {}),
      });
    case 'approve-diff':
      return approveDiff(
        taskId,
        action.acknowledgeOutOfPlan?.length ? { acknowledgeOutOfPlan: action.acknowledgeOutOfPlan } : {},
      );
    case 'reject-diff':
      return rejectDiff(taskId, {
        feedback: action.feedback,
        ...(action.comments?.length ? { comments: action.comments } : {}),
      });
    case 'answer-clarification':
      return answerClarification(taskId, { answer: action.answer });
    case 'cancel':
      return cancelTask(taskId);
    case 'resume':
      return resumeTask(taskId, {
        action: action.action,
        ...(action.note?.trim() ? { note: action.note.trim() } : {}),
      });
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
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.review(taskId) });
    },
    // A 409 on a stale plan version means another reviewer moved the record on: fetch it so the page shows what changed.
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.review(taskId) }),
  });
}
