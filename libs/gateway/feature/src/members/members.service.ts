import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { MemberView, Role } from '@patchbay/contracts';
import { OrganisationRepository } from '@patchbay/persistence';

@Injectable()
export class MembersService {
  constructor(private readonly organisations: OrganisationRepository) {}

  async list(organisationId: string): Promise<MemberView[]> {
    const members = await this.organisations.listMembers(organisationId);
    return members.map((m) => ({ userId: m.userId, login: m.login, role: m.role, joinedAt: m.joinedAt.toISOString() }));
  }

  /** Changes a member's role; the last admin cannot demote themselves out of the organisation's control. */
  async changeRole(organisationId: string, userId: string, role: Role): Promise<MemberView> {
    const membership = await this.organisations.findMembership(organisationId, userId);
    if (!membership) throw new NotFoundException(`No member with id ${userId} in this organisation`);
    if (membership.role === 'admin' && role !== 'admin' && (await this.organisations.countAdmins(organisationId)) <= 1) {
      throw new BadRequestException('The organisation needs at least one admin; promote someone else first');
    }
    await this.organisations.setRole(organisationId, userId, role);
    const member = (await this.list(organisationId)).find((m) => m.userId === userId);
    if (!member) throw new NotFoundException(`No member with id ${userId} in this organisation`);
    return member;
  }
}
