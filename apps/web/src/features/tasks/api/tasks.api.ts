import type {
  AnswerClarificationRequest,
  AddedConstraint,
  AddTaskConstraintRequest,
  ApprovePlanRequest,
  ApproveDiffRequest,
  PlanConformanceView,
  AttemptDiffSummary,
  CommandOutputView,
  CreateTaskRequest,
  ExplainChangeAccepted,
  ExplainChangeRequest,
  RejectRequest,
  RequiredChecksView,
  ResumeTaskRequest,
  TaskEvent,
  TaskPage,
  TaskReviewRecord,
  TaskUsageView,
  TaskView,
} from '@patchbay/contracts';
import { ApiError } from '../../../api/api-error';
import { requestJson, requestText } from '../../../api/http-client';
import type { TaskListFilters } from '../../../api/query-keys';
import { mergeTaskEvents } from '../lib/merge-task-events';

export function listTasks(filters: TaskListFilters & { cursor?: string }): Promise<TaskPage> {
  return requestJson<TaskPage>('/tasks', { query: { ...filters } });
}

export function fetchTask(taskId: string): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}`);
}

export function createTask(request: CreateTaskRequest): Promise<TaskView> {
  return requestJson<TaskView>('/tasks', { method: 'POST', body: request });
}

const EVENTS_PAGE = 500;

/** Every persisted event after `after`, following pages until a short one. */
export async function fetchTaskEvents(taskId: string, after = 0): Promise<TaskEvent[]> {
  let events: TaskEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await requestJson<TaskEvent[]>(`/tasks/${encodeURIComponent(taskId)}/events`, {
      query: { after: cursor, limit: EVENTS_PAGE },
    });
    events = mergeTaskEvents(events, page);
    const last = page.at(-1);
    if (page.length < EVENTS_PAGE || !last) return events;
    cursor = last.seq;
  }
}

/** The unified diff, or null while the task has none (the gateway answers 404 until then). */
export async function fetchTaskDiff(taskId: string): Promise<string | null> {
  try {
    return await requestText(`/tasks/${encodeURIComponent(taskId)}/diff`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The change after one coding round (`attempt` as listed by fetchAttemptDiffs). */
export function fetchAttemptDiff(taskId: string, attempt: number): Promise<string> {
  return requestText(`/tasks/${encodeURIComponent(taskId)}/diff`, { query: { attempt } });
}

/** The task's per-round diffs, oldest first; none when the server has none to offer. */
export async function fetchAttemptDiffs(taskId: string): Promise<AttemptDiffSummary[]> {
  try {
    return await requestJson<AttemptDiffSummary[]>(`/tasks/${encodeURIComponent(taskId)}/diffs`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

/** A command's whole output, stored when its event carries only the head and tail. */
export function fetchCommandOutput(taskId: string, artifactId: string): Promise<CommandOutputView> {
  return requestJson<CommandOutputView>(
    `/tasks/${encodeURIComponent(taskId)}/outputs/${encodeURIComponent(artifactId)}`,
  );
}

export function taskAudioUrl(taskId: string): string {
  return `/api/v1/tasks/${encodeURIComponent(taskId)}/audio`;
}

/** Edits left undefined are not sent, so the plan is approved as proposed in that respect. */
export function approvePlan(taskId: string, edits: ApprovePlanRequest = {}): Promise<TaskView> {
  const body: ApprovePlanRequest = {
    ...(edits.steps ? { steps: edits.steps } : {}),
    ...(edits.targetTests ? { targetTests: edits.targetTests } : {}),
    ...(edits.baseVersion !== undefined ? { baseVersion: edits.baseVersion } : {}),
  };
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/plan/approve`, { method: 'POST', body });
}

/** Every plan version and every decision with its feedback and inline comments (the review record). */
export function fetchTaskReview(taskId: string): Promise<TaskReviewRecord> {
  return requestJson<TaskReviewRecord>(`/tasks/${encodeURIComponent(taskId)}/review`);
}

export function rejectPlan(taskId: string, request: RejectRequest): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/plan/reject`, { method: 'POST', body: request });
}

export function approveDiff(taskId: string, request: ApproveDiffRequest = {}): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/diff/approve`, { method: 'POST', body: request });
}

/** The latest diff read against the approved plan, or null while there is none (the gateway answers 404). */
export async function fetchPlanConformance(taskId: string): Promise<PlanConformanceView | null> {
  try {
    return await requestJson<PlanConformanceView>(`/tasks/${encodeURIComponent(taskId)}/diff/conformance`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function rejectDiff(taskId: string, request: RejectRequest): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/diff/reject`, { method: 'POST', body: request });
}

/** Narrows the running task: a note for the coder, files to avoid from now on, a lower limit on changed files. */
export function addTaskConstraint(taskId: string, request: AddTaskConstraintRequest): Promise<AddedConstraint> {
  return requestJson<AddedConstraint>(`/tasks/${encodeURIComponent(taskId)}/constraints`, {
    method: 'POST',
    body: request,
  });
}

/** Asks the reviewer model about the diff; the answer arrives as the task's explanation_* events. */
export function explainChange(taskId: string, request: ExplainChangeRequest): Promise<ExplainChangeAccepted> {
  return requestJson<ExplainChangeAccepted>(`/tasks/${encodeURIComponent(taskId)}/diff/explanations`, {
    method: 'POST',
    body: request,
  });
}

export function cancelTask(taskId: string): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/cancel`, { method: 'POST', body: {} });
}

/** The answer to the planner's question; the task plans again with it. */
export function answerClarification(taskId: string, request: AnswerClarificationRequest): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/clarification`, { method: 'POST', body: request });
}

/** A paused task goes on: "fix_it" (more rounds, with the note), "change_approach" (re-plan with it) or "resume" (after a budget pause). */
export function resumeTask(taskId: string, request: ResumeTaskRequest): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/resume`, { method: 'POST', body: request });
}

export function fetchTaskUsage(taskId: string): Promise<TaskUsageView> {
  return requestJson<TaskUsageView>(`/tasks/${encodeURIComponent(taskId)}/usage`);
}

export function retryTask(taskId: string): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/retry`, { method: 'POST', body: {} });
}

/** Lets a failed required check through with the reason on record (audited); the task goes on when none is left. */
export function waiveCheck(taskId: string, name: string, reason: string): Promise<RequiredChecksView> {
  return requestJson<RequiredChecksView>(
    `/tasks/${encodeURIComponent(taskId)}/checks/${encodeURIComponent(name)}/waive`,
    { method: 'POST', body: { reason } },
  );
}
