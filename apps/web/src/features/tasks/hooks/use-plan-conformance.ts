import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchPlanConformance } from '../api/tasks.api';

/** The latest diff read against the approved plan (null while there is none). */
export function usePlanConformance(taskId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.tasks.planConformance(taskId),
    queryFn: () => fetchPlanConformance(taskId),
    enabled,
  });
}
