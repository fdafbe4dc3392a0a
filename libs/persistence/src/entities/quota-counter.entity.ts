import { QUOTA_KINDS, type QuotaKind } from '@patchbay/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/**
 * Usage within one UTC day for the per-day quotas. Consumption is a single conditional upsert,
 * so two concurrent requests can never both take the last unit.
 *
 * Keyed by organisation as well as subject: a user who belongs to two organisations has a
 * separate allowance in each, as each organisation's admin sets it.
 */
@Entity({ name: 'quota_counters' })
export class QuotaCounterEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** The organisation id for organisation-wide counters, the user id for per-user ones. */
  @PrimaryColumn({ name: 'subject_key', type: 'uuid' })
  subjectKey!: string;

  @PrimaryColumn({ type: 'enum', enum: QUOTA_KINDS, enumName: 'quota_kind' })
  kind!: QuotaKind;

  @PrimaryColumn({ name: 'window_start', type: 'date' })
  windowStart!: string;

  @Column({ type: 'int', default: 0 })
  used!: number;
}
