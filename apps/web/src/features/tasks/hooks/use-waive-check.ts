import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { waiveCheck } from '../api/tasks.api';

/** Waives a failed required check with a reason; its `check_waived` event reaches the page through the event stream. */
export function useWaiveCheck(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, reason }: { name: string; reason: string }) => waiveCheck(taskId, name, reason),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.detail(taskId) }),
  });
}
