import type {
  CreateForkRequest,
  TaskCheckpointView,
  TaskLineage,
  TaskTimeline,
  TaskView,
  TimelineEntryKind,
} from '@patchbay/contracts';
import { requestBlob, requestJson } from '../../../api/http-client';

function kindsQuery(kinds: readonly TimelineEntryKind[] | null): Record<string, string> {
  return kinds && kinds.length > 0 ? { kinds: kinds.join(',') } : {};
}

export function fetchTaskTimeline(taskId: string, kinds: readonly TimelineEntryKind[] | null): Promise<TaskTimeline> {
  return requestJson<TaskTimeline>(`/tasks/${encodeURIComponent(taskId)}/timeline`, { query: kindsQuery(kinds) });
}

/** The export as the server writes it, for the browser to save. */
export function fetchTaskTimelineExport(taskId: string, kinds: readonly TimelineEntryKind[] | null): Promise<Blob> {
  return requestBlob(`/tasks/${encodeURIComponent(taskId)}/timeline/export`, { query: kindsQuery(kinds) });
}

export function fetchTaskCheckpoints(taskId: string): Promise<TaskCheckpointView[]> {
  return requestJson<TaskCheckpointView[]>(`/tasks/${encodeURIComponent(taskId)}/checkpoints`);
}

export function fetchTaskLineage(taskId: string): Promise<TaskLineage> {
  return requestJson<TaskLineage>(`/tasks/${encodeURIComponent(taskId)}/forks`);
}

export function createFork(taskId: string, request: CreateForkRequest): Promise<TaskView> {
  return requestJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/forks`, { method: 'POST', body: request });
}
