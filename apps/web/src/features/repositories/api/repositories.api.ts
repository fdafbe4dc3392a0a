import type { RegisterRepositoryRequest, RepositorySettings } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';
import type { RepositoryView } from '@patchbay/contracts';

export function listRepositories(): Promise<RepositoryView[]> {
  return requestJson<RepositoryView[]>('/repositories');
}

export function registerRepository(request: RegisterRepositoryRequest): Promise<RepositoryView> {
  return requestJson<RepositoryView>('/repositories', { method: 'POST', body: request });
}

export function updateRepository(
  id: string,
  change: { allowed?: boolean; settings?: RepositorySettings },
): Promise<RepositoryView> {
  return requestJson<RepositoryView>(`/repositories/${encodeURIComponent(id)}`, { method: 'PATCH', body: change });
}
