import type { RegisterRepositoryRequest, RepositorySettings } from '@patchbay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { listRepositories, registerRepository, updateRepository } from '../api/repositories.api';

export function useRepositories() {
  return useQuery({ queryKey: queryKeys.repositories, queryFn: listRepositories });
}

export function useRegisterRepository() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RegisterRepositoryRequest) => registerRepository(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.repositories }),
  });
}

export function useUpdateRepository() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: { allowed?: boolean; settings?: RepositorySettings } }) =>
      updateRepository(id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.repositories }),
  });
}
