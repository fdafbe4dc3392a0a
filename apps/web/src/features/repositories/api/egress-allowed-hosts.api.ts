import type { EgressAllowedHostsView } from '@patchbay/contracts';
import { requestJson } from '../../../api/http-client';

/** Replaces the repository's allowed egress hosts (admins only; the server normalises and audits). */
export function setEgressAllowedHosts(repositoryId: string, hosts: string[]): Promise<EgressAllowedHostsView> {
  return requestJson<EgressAllowedHostsView>(`/repositories/${encodeURIComponent(repositoryId)}/egress-allowed-hosts`, {
    method: 'PUT',
    body: { hosts },
  });
}
