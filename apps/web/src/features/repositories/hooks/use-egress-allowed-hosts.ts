import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { setEgressAllowedHosts } from '../api/egress-allowed-hosts.api';

export function useSetEgressAllowedHosts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, hosts }: { id: string; hosts: string[] }) => setEgressAllowedHosts(id, hosts),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.repositories }),
  });
}
