import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MembershipEntity, OrganisationEntity, UserEntity } from '../entities';
import type { Role } from '@patchbay/contracts';

export interface MemberRow {
  userId: string;
  login: string;
  role: Role;
  joinedAt: Date;
}

@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
  }

  findBySlug(slug: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ slug });
  }

  findMembership(organisationId: string, userId: string): Promise<MembershipEntity | null> {
    return this.dataSource.getRepository(MembershipEntity).findOneBy({ organisationId, userId });
  }

  /** The user's memberships, oldest first: the first is the organisation a login lands in. */
  findMembershipsOfUser(userId: string): Promise<MembershipEntity[]> {
    return this.dataSource.getRepository(MembershipEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Finds or creates the organisation and the user's membership in one transaction. The
   * organisation row is locked first, so of two simultaneous first logins exactly one becomes
   * admin. Only the very first member is made admin: someone joining an organisation that has
   * members is a developer until an admin says otherwise, even if (through an operator's hand)
   * it has no admin left — becoming admin must never be a matter of arriving at the right moment.
   */
  async joinOrganisation(
    slug: string,
    user: UserEntity,
  ): Promise<{ organisation: OrganisationEntity; membership: MembershipEntity }> {
    return this.dataSource.transaction(async (manager) => {
      await this.insertIfMissing(slug, manager);
      const organisation = await this.lockOrganisation(manager, { slug });
      const memberships = manager.getRepository(MembershipEntity);
      const existing = await memberships.findOneBy({ organisationId: organisation.id, userId: user.id });
      if (existing) return { organisation, membership: existing };
      const role: Role = (await memberships.countBy({ organisationId: organisation.id })) === 0 ? 'admin' : 'developer';
      const membership = await memberships.save(
        memberships.create({ organisationId: organisation.id, userId: user.id, role }),
      );
      return { organisation, membership };
    });
  }

  /**
   * Changes a member's role under the organisation's row lock, so two admins demoting each other
   * at once are serialised: the second sees the first's change and is refused. Answers what
   * happened rather than throwing, leaving the wording to the caller.
   */
  async changeRole(
    organisationId: string,
    userId: string,
    role: Role,
  ): Promise<'changed' | 'not-a-member' | 'last-admin'> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockOrganisation(manager, { id: organisationId });
      const memberships = manager.getRepository(MembershipEntity);
      const membership = await memberships.findOneBy({ organisationId, userId });
      if (!membership) return 'not-a-member';
      if (
        membership.role === 'admin' &&
        role !== 'admin' &&
        (await memberships.countBy({ organisationId, role: 'admin' })) <= 1
      )
        return 'last-admin';
      await memberships.update({ organisationId, userId }, { role });
      return 'changed';
    });
  }

  private lockOrganisation(
    manager: EntityManager,
    where: { slug: string } | { id: string },
  ): Promise<OrganisationEntity> {
    const [column, value] = 'slug' in where ? ['slug', where.slug] : ['id', where.id];
    return manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where(`o.${column} = :value`, { value })
      .getOneOrFail();
  }

  async ensureOrganisation(slug: string): Promise<OrganisationEntity> {
    await this.insertIfMissing(slug, this.dataSource.manager);
    return this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ slug });
  }

  private async insertIfMissing(slug: string, manager: EntityManager): Promise<void> {
    await manager.query('INSERT INTO organisations (slug, name) VALUES ($1, $1) ON CONFLICT (slug) DO NOTHING', [slug]);
  }

  async listMembers(organisationId: string): Promise<MemberRow[]> {
    const rows = await this.dataSource
      .getRepository(MembershipEntity)
      .find({ where: { organisationId }, relations: { user: true }, order: { createdAt: 'ASC' } });
    return rows.map((m) => ({ userId: m.userId, login: m.user?.login ?? '', role: m.role, joinedAt: m.createdAt }));
  }
}
