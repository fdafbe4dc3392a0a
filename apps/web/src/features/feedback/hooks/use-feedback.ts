import type { SubmitFeedbackRequest } from '@patchbay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchOrganisationReport, fetchTaskFeedback, submitFeedback } from '../api/feedback.api';

export function useTaskFeedback(taskId: string) {
  return useQuery({ queryKey: queryKeys.tasks.feedback(taskId), queryFn: () => fetchTaskFeedback(taskId) });
}

export function useSubmitFeedback(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SubmitFeedbackRequest) => submitFeedback(taskId, request),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.feedback(taskId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reports.all });
    },
  });
}

export function useOrganisationReport(days: number) {
  return useQuery({ queryKey: queryKeys.reports.organisation(days), queryFn: () => fetchOrganisationReport(days) });
}
