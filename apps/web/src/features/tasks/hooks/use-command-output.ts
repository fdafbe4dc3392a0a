import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchCommandOutput } from '../api/tasks.api';

/** A command's whole output, fetched only once someone asks for it (`enabled`); it never changes. */
export function useCommandOutput(taskId: string, artifactId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.tasks.commandOutput(taskId, artifactId ?? ''),
    queryFn: () => fetchCommandOutput(taskId, artifactId ?? ''),
    enabled: enabled && artifactId !== null,
    staleTime: Infinity,
  });
}
