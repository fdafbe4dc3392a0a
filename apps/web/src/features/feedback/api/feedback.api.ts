import type {
  FeedbackVoteView,
  OrganisationReportView,
  SubmitFeedbackRequest,
  TaskFeedbackView,
} from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

export function fetchTaskFeedback(taskId: string): Promise<TaskFeedbackView> {
  return requestJson<TaskFeedbackView>(`/tasks/${encodeURIComponent(taskId)}/feedback`);
}

export function submitFeedback(taskId: string, request: SubmitFeedbackRequest): Promise<FeedbackVoteView> {
  return requestJson<FeedbackVoteView>(`/tasks/${encodeURIComponent(taskId)}/feedback`, {
    method: 'PUT',
    body: request,
  });
}

export function fetchOrganisationReport(days: number): Promise<OrganisationReportView> {
  return requestJson<OrganisationReportView>('/reports/organisation', { query: { days } });
}
