import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { MemberView, Role } from '@patchbay/contracts';
import { OrganisationRepository } from '@patchbay/persistence';
import { noteAuditChanges } from '../audit/audit-changes';

@Injectable()
export class MembersService {
  constructor(private readonly organisations: OrganisationRepository) {}

  async list(organisationId: string): Promise<MemberView[]> {
    const members = await this.organisations.listMembers(organisationId);
    return members.map((m) => ({ userId: m.userId, login: m.login, role: m.role, joinedAt: m.joinedAt.toISOString() }));
  }

  /** Changes a member's role; the organisation always keeps at least one admin. */
  async changeRole(organisationId: string, userId: string, role: Role): Promise<MemberView> {
    const before = (await this.organisations.findMembership(organisationId, userId))?.role;
    const outcome = await this.organisations.changeRole(organisationId, userId, role);
    if (outcome === 'last-admin')
      throw new BadRequestException('The organisation needs at least one admin; promote someone else first');
    const member =
      outcome === 'changed' ? (await this.list(organisationId)).find((m) => m.userId === userId) : undefined;
    if (!member) throw new NotFoundException(`No member with id ${userId} in this organisation`);
    if (before !== undefined && before !== member.role)
      noteAuditChanges([{ field: 'role', from: before, to: member.role }]);
    return member;
  }
}
