import { QUOTA_KINDS, type QuotaKind } from '@patchbay/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/**
 * An explicit limit; where none is stored the default of DEFAULT_QUOTA_LIMITS applies.
 * `subject_key` is the organisation id for organisation-wide limits and the user id for
 * per-user ones, so that one unique index covers both (NULLs would not collide).
 */
@Entity({ name: 'quotas' })
@Index('uq_quotas_subject_kind', ['organisationId', 'subjectKey', 'kind'], { unique: true })
export class QuotaEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'enum', enum: ['organisation', 'user'], enumName: 'quota_scope' })
  scope!: 'organisation' | 'user';

  @Column({ name: 'subject_key', type: 'uuid' })
  subjectKey!: string;

  @Column({ type: 'enum', enum: QUOTA_KINDS, enumName: 'quota_kind' })
  kind!: QuotaKind;

  @Column({ name: 'limit_value', type: 'int' })
  limit!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
