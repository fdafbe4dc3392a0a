import type { QuotaKind } from '@patchbay/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { QuotaEntity } from '../entities';

@Injectable()
export class QuotaRepository {
  constructor(private readonly dataSource: DataSource) {}

  listForOrganisation(organisationId: string): Promise<QuotaEntity[]> {
    return this.dataSource
      .getRepository(QuotaEntity)
      .find({ where: { organisationId }, order: { scope: 'ASC', kind: 'ASC' } });
  }

  async findLimit(
    organisationId: string,
    subjectKey: string,
    kind: QuotaKind,
    manager?: EntityManager,
  ): Promise<number | null> {
    const row = await (manager ?? this.dataSource.manager)
      .getRepository(QuotaEntity)
      .findOneBy({ organisationId, subjectKey, kind });
    return row?.limit ?? null;
  }

  async upsertLimit(
    fields: Pick<QuotaEntity, 'organisationId' | 'scope' | 'subjectKey' | 'kind' | 'limit'>,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO quotas (organisation_id, scope, subject_key, kind, limit_value) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, subject_key, kind) DO UPDATE SET limit_value = EXCLUDED.limit_value, updated_at = now()`,
      [fields.organisationId, fields.scope, fields.subjectKey, fields.kind, fields.limit],
    );
  }

  /**
   * Takes one unit of a per-day quota if any is left. The conditional upsert makes the check and
   * the increment one atomic statement; it returns false (and changes nothing) at the limit.
   * Counters belong to an organisation, so a user's usage in one never spends another's allowance.
   */
  async consumeDaily(
    manager: EntityManager,
    organisationId: string,
    subjectKey: string,
    kind: QuotaKind,
    day: string,
    limit: number,
  ): Promise<boolean> {
    if (limit <= 0) return false;
    const rows: unknown[] = await manager.query(
      `INSERT INTO quota_counters (organisation_id, subject_key, kind, window_start, used) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (organisation_id, subject_key, kind, window_start)
       DO UPDATE SET used = quota_counters.used + 1 WHERE quota_counters.used < $5
       RETURNING used`,
      [organisationId, subjectKey, kind, day, limit],
    );
    return rows.length > 0;
  }

  async usedToday(organisationId: string, subjectKey: string, kind: QuotaKind, day: string): Promise<number> {
    const rows: Array<{ used: number }> = await this.dataSource.query(
      'SELECT used FROM quota_counters WHERE organisation_id = $1 AND subject_key = $2 AND kind = $3 AND window_start = $4',
      [organisationId, subjectKey, kind, day],
    );
    return rows[0]?.used ?? 0;
  }
}
