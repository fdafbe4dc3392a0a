import type { StoreCredentialRequest } from '@patchbay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { deleteCredential, listCredentials, storeCredential } from '../api/credentials.api';

export function useCredentials() {
  return useQuery({ queryKey: queryKeys.credentials, queryFn: listCredentials });
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
