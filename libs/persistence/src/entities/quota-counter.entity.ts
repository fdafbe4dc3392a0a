import { QUOTA_KINDS, type QuotaKind } from '@patchbay/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Usage within one UTC day for the per-day quotas. Consumption is a single conditional upsert,
 * so two concurrent requests can never both take the last unit.
 */
@Entity({ name: 'quota_counters' })
export class QuotaCounterEntity {
  @PrimaryColumn({ name: 'subject_key', type: 'uuid' })
  subjectKey!: string;

  @PrimaryColumn({ type: 'enum', enum: QUOTA_KINDS, enumName: 'quota_kind' })
  kind!: QuotaKind;

  @PrimaryColumn({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ type: 'int', default: 0 })
  used!: number;
}
