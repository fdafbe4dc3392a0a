import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { AuditEntryEntity } from '../entities';

export type UnchainedAuditEntry = Omit<AuditEntryEntity, 'id' | 'prevHash' | 'hash'>;

/** The hash of the (virtual) row before the first one. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one entry to the chain. A transaction-scoped advisory lock serialises appenders, so
   * two concurrent requests can never both link to the same previous row.
   */
  async appendChained(entry: UnchainedAuditEntry, hashWith: (prevHash: string) => string): Promise<AuditEntryEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('patchbay.audit_log'))");
      const last = await manager.getRepository(AuditEntryEntity).find({ order: { id: 'DESC' }, take: 1, select: { hash: true } });
      const prevHash = last[0]?.hash ?? AUDIT_GENESIS_HASH;
      const repo = manager.getRepository(AuditEntryEntity);
      return repo.save(repo.create({ ...entry, prevHash, hash: hashWith(prevHash) }));
    });
  }

  /** A page of the chain in order, for verification and for the admin's audit view. */
  page(afterId: string, limit: number, organisationId?: string): Promise<AuditEntryEntity[]> {
    return this.dataSource.getRepository(AuditEntryEntity).find({
      where: { id: MoreThan(afterId), ...(organisationId ? { organisationId } : {}) },
      order: { id: 'ASC' },
      take: limit,
    });
  }
}
