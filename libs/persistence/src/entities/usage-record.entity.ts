import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { TaskEntity } from './task.entity';

/** One model call (or one sandbox run) worth of tokens, cost and time, for reporting and billing. */
@Entity({ name: 'usage_records' })
@Index('ix_usage_records_organisation_at', ['organisationId', 'at'])
export class UsageRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  /** planner, coder, reviewer, summariser — or sandbox for compute time. */
  @Column({ type: 'varchar', length: 40 })
  role!: string;

  @Column({ type: 'varchar', length: 200 })
  model!: string;

  @Column({ name: 'prompt_tokens', type: 'int', default: 0 })
  promptTokens!: number;

  @Column({ name: 'completion_tokens', type: 'int', default: 0 })
  completionTokens!: number;

  @Column({ name: 'cost_usd', type: 'numeric', precision: 12, scale: 6, default: 0 })
  costUsd!: string;

  @Column({ name: 'duration_ms', type: 'int', default: 0 })
  durationMs!: number;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;
}
