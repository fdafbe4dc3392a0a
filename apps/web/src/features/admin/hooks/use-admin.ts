import type { Role, SetQuotaRequest } from '@patchbay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import {
  changeMemberRole,
  listAuditEntries,
  listMembers,
  listQuotas,
  setQuota,
  verifyAuditChain,
} from '../api/admin.api';

/** Members of the organisation; admins only (the API refuses others), hence `enabled`. */
export function useMembers(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: queryKeys.admin.members, queryFn: listMembers, enabled: options.enabled ?? true });
}

export function useChangeMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => changeMemberRole(userId, role),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.members });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useQuotas(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.admin.quotas,
    queryFn: listQuotas,
    enabled: options.enabled ?? true,
    refetchInterval: 30_000,
  });
}

export function useSetQuota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SetQuotaRequest) => setQuota(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.quotas }),
  });
}

export const AUDIT_PAGE_SIZE = 25;

export function useAuditEntries(after: string) {
  return useQuery({ queryKey: queryKeys.admin.audit(after), queryFn: () => listAuditEntries(after, AUDIT_PAGE_SIZE) });
}

/** Verification recomputes the whole chain, so it runs when asked, not on page load. */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: verifyAuditChain });
}
