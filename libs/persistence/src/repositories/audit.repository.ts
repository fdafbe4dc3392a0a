import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan, Not } from 'typeorm';
import { AuditEntryEntity } from '../entities';

export type UnchainedAuditEntry = Omit<AuditEntryEntity, 'id' | 'chainSeq' | 'prevHash' | 'hash'>;

/** The (virtual) hash before the first row of every chain. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The chain an entry belongs to: its organisation's, or the system's when it has none. */
export type AuditChain = string | null;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one entry at the end of its organisation's chain. A transaction-scoped advisory lock
   * keyed by the chain serialises appenders to that chain, so two concurrent requests can never
   * both link to the same previous row, while other organisations append in parallel. (Two
   * chains whose keys collide in hashtext merely share a lock.)
   */
  async appendChained(entry: UnchainedAuditEntry, hashWith: (prevHash: string) => string): Promise<AuditEntryEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `patchbay.audit_log:${entry.organisationId ?? 'system'}`,
      ]);
      const repo = manager.getRepository(AuditEntryEntity);
      const [last] = await repo.find({
        where: { organisationId: entry.organisationId ?? IsNull(), chainSeq: Not(IsNull()) },
        order: { chainSeq: 'DESC' },
        take: 1,
        select: { chainSeq: true, hash: true },
      });
      const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
      const chainSeq = String(BigInt(last?.chainSeq ?? '0') + 1n);
      return repo.save(repo.create({ ...entry, chainSeq, prevHash, hash: hashWith(prevHash) }));
    });
  }

  /** A page of one chain in order, after a position: for verification and the admin's audit view. */
  chainPage(chain: AuditChain, afterSeq: string, limit: number): Promise<AuditEntryEntity[]> {
    return this.dataSource.getRepository(AuditEntryEntity).find({
      where: { organisationId: chain ?? IsNull(), chainSeq: MoreThan(afterSeq) },
      order: { chainSeq: 'ASC' },
      take: limit,
    });
  }

  /** A page of the legacy global chain (rows written before per-organisation chains), in id order. */
  legacyPage(afterId: string, limit: number): Promise<AuditEntryEntity[]> {
    return this.dataSource.getRepository(AuditEntryEntity).find({
      where: { chainSeq: IsNull(), id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Every organisation that has a chain, for an operator verifying the whole log. */
  async chainedOrganisations(): Promise<string[]> {
    const rows: Array<{ organisation_id: string }> = await this.dataSource.query(
      'SELECT DISTINCT organisation_id FROM audit_log WHERE organisation_id IS NOT NULL AND chain_seq IS NOT NULL ORDER BY organisation_id',
    );
    return rows.map((row) => row.organisation_id);
  }
}
