import type { TaskCandidateView, TaskView } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

/** The task's best-of-N candidates with their diffs (ADR 0034); empty for a single-attempt task. */
export function fetchTaskCandidates(taskId: string): Promise<TaskCandidateView[]> {
  return requestJson<TaskCandidateView[]>(`/tasks/${encodeURIComponent(taskId)}/candidates`);
}

/** At diff approval: go on with another candidate, whose change then awaits approval. */
export function selectTaskCandidate(taskId: string, index: number): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/candidates/${index}/select`, {
    method: 'POST',
    body: {},
  });
}
