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
   * organisation row is locked first so that of two simultaneous first logins exactly one
   * becomes admin.
   */
  async joinOrganisation(slug: string, user: UserEntity): Promise<{ organisation: OrganisationEntity; membership: MembershipEntity }> {
    return this.dataSource.transaction(async (manager) => {
      await this.insertIfMissing(slug, manager);
      const organisation = await manager
        .getRepository(OrganisationEntity)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.slug = :slug', { slug })
        .getOneOrFail();
      const existing = await manager.getRepository(MembershipEntity).findOneBy({ organisationId: organisation.id, userId: user.id });
      if (existing) return { organisation, membership: existing };
      // The first person in becomes admin; a service account (the offline demo's) never takes that place.
      const adminCount = await manager.getRepository(MembershipEntity).countBy({ organisationId: organisation.id, role: 'admin' });
      const role: Role = adminCount === 0 ? 'admin' : 'developer';
      const membership = await manager
        .getRepository(MembershipEntity)
        .save(manager.getRepository(MembershipEntity).create({ organisationId: organisation.id, userId: user.id, role }));
      return { organisation, membership };
    });
  }

  async ensureOrganisation(slug: string): Promise<OrganisationEntity> {
    await this.insertIfMissing(slug, this.dataSource.manager);
    return this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ slug });
  }

  private async insertIfMissing(slug: string, manager: EntityManager): Promise<void> {
    await manager.query('INSERT INTO organisations (slug, name) VALUES ($1, $1) ON CONFLICT (slug) DO NOTHING', [slug]);
  }

  async addMember(organisationId: string, userId: string, role: Role): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO memberships (organisation_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (organisation_id, user_id) DO NOTHING',
      [organisationId, userId, role],
    );
  }

  async listMembers(organisationId: string): Promise<MemberRow[]> {
    const rows = await this.dataSource
      .getRepository(MembershipEntity)
      .find({ where: { organisationId }, relations: { user: true }, order: { createdAt: 'ASC' } });
    return rows.map((m) => ({ userId: m.userId, login: m.user?.login ?? '', role: m.role, joinedAt: m.createdAt }));
  }

  async setRole(organisationId: string, userId: string, role: Role, manager?: EntityManager): Promise<boolean> {
    const result = await (manager ?? this.dataSource.manager)
      .getRepository(MembershipEntity)
      .update({ organisationId, userId }, { role });
    return (result.affected ?? 0) > 0;
  }

  countAdmins(organisationId: string): Promise<number> {
    return this.dataSource.getRepository(MembershipEntity).countBy({ organisationId, role: 'admin' });
  }
}
