import type { StoreCredentialRequest } from '@patchbay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { deleteCredential, listCredentials, storeCredential } from '../api/credentials.api';

/** `enabled: false` for a role the API refuses (viewers): the page says so instead of showing a 403. */
export function useCredentials(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: queryKeys.credentials, queryFn: listCredentials, enabled: options.enabled ?? true });
}

export function useStoreCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: StoreCredentialRequest) => storeCredential(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
  });
}

export function useDeleteCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteCredential(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
  });
}
