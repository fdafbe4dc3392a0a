import { BUDGET_SCOPES, type BudgetScope } from '@patchbay/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/**
 * An admin's budget limit. `subject_key` is the organisation id for organisation-wide limits (the
 * task default, every user's daily default, the monthly limit) and the user id for one user's
 * daily limit, so one unique index covers both. A null amount sets no limit in that unit here.
 */
@Entity({ name: 'budgets' })
@Index('uq_budgets_scope_subject', ['organisationId', 'scope', 'subjectKey'], { unique: true })
export class BudgetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'enum', enum: BUDGET_SCOPES, enumName: 'budget_scope' })
  scope!: BudgetScope;

  @Column({ name: 'subject_key', type: 'uuid' })
  subjectKey!: string;

  @Column({ name: 'limit_usd', type: 'numeric', precision: 12, scale: 6, nullable: true })
  limitUsd!: string | null;

  @Column({ name: 'limit_tokens', type: 'bigint', nullable: true })
  limitTokens!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
