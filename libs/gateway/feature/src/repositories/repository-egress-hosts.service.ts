import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { EgressAllowedHostsView } from '@patchbay/contracts';
import { classifyAddress } from '@patchbay/network-address';
import { RepositoryRepository } from '@patchbay/persistence';
import { isIP } from 'node:net';
import { noteAuditChanges } from '../audit/audit-changes';

/** Names that always mean this machine, whatever DNS says. */
const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost']);

/**
 * A repository's allowed egress hosts (ADR 0032): what its task sandboxes may reach through the
 * egress proxy besides their network mode's. Only admins change the list, and each change is
 * audited with the list before and after. An address no sandbox may reach is refused here with
 * a reason; every name is judged again by the proxy, at each connection, by what it resolves to.
 */
@Injectable()
export class RepositoryEgressHostsService {
  constructor(private readonly repositories: RepositoryRepository) {}

  async set(organisationId: string, id: string, hosts: readonly string[]): Promise<EgressAllowedHostsView> {
    const entity = await this.repositories.findById(organisationId, id);
    if (!entity) throw new NotFoundException(`No repository with id ${id}`);
    const unique = [...new Set(hosts)];
    for (const target of unique) assertReachable(target);
    const before = entity.egressAllowedHosts ?? [];
    entity.egressAllowedHosts = unique;
    await this.repositories.save(entity);
    noteAuditChanges([{ field: 'egressAllowedHosts', from: before, to: unique }]);
    return { id: entity.id, hosts: unique };
  }
}

/** `host:port` as normalised by the request schema. */
function assertReachable(target: string): void {
  const host = target.slice(0, target.lastIndexOf(':'));
  if (LOCAL_NAMES.has(host))
    throw new UnprocessableEntityException(`hosts: ${host} is this machine; sandboxes may never reach it`);
  if (!isIP(host)) return;
  const kind = classifyAddress(host);
  // Private ranges are the operator's to allow (SANDBOX_EGRESS_PRIVATE_ALLOW); the proxy decides those.
  if (kind && kind !== 'private')
    throw new UnprocessableEntityException(`hosts: ${host} is a ${kind} address; sandboxes may never reach it`);
}
