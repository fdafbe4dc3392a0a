import type { CredentialView, StoreCredentialRequest } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

export function listCredentials(): Promise<CredentialView[]> {
  return requestJson<CredentialView[]>('/credentials');
}

export function storeCredential(request: StoreCredentialRequest): Promise<CredentialView> {
  return requestJson<CredentialView>('/credentials', { method: 'POST', body: request });
}

export function deleteCredential(id: string): Promise<void> {
  return requestJson<void>(`/credentials/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
