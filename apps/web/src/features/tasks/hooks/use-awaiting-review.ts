import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { useCan } from '../../auth/hooks/use-me';
import { fetchAwaitingReview } from '../api/pull-request.api';

/**
 * Tasks waiting for an approval the signed-in user may give. Polled, and invalidated with every
 * task action (its key sits under `tasks`), so the count in the navigation and title stays live.
 */
export function useAwaitingReview() {
  const canApprove = useCan('developer');
  return useQuery({
    queryKey: queryKeys.tasks.awaitingReview,
    queryFn: fetchAwaitingReview,
    enabled: canApprove,
    refetchInterval: 5_000,
  });
}
