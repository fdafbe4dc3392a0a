import {
  TASK_STATUSES,
  TASK_PRIORITIES,
  type TaskConstraints,
  type TaskPriority,
  type TaskStatus,
} from '@patchbay/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { RepositoryEntity } from './repository.entity';
import { UserEntity } from './user.entity';

@Entity({ name: 'tasks' })
// Serves the task list: newest first within an organisation, with the id as the cursor tiebreak.
@Index('ix_tasks_organisation_created', ['organisationId', 'createdAt', 'id'])
@Index('ix_tasks_status', ['status'])
@Index('ix_tasks_parent', ['parentTaskId'])
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ name: 'repository_id', type: 'uuid' })
  repositoryId!: string;

  @ManyToOne(() => RepositoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'repository_id' })
  repository?: RepositoryEntity;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @Column({ name: 'base_branch', type: 'varchar', length: 255 })
  baseBranch!: string;

  @Column({ type: 'text' })
  prompt!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  constraints!: TaskConstraints;

  @Column({ type: 'enum', enum: TASK_PRIORITIES, enumName: 'task_priority', default: 'normal' })
  priority!: TaskPriority;

  @Column({ type: 'enum', enum: TASK_STATUSES, enumName: 'task_status', default: 'queued' })
  status!: TaskStatus;

  @Column({ name: 'auto_approve_plan', type: 'boolean', default: false })
  autoApprovePlan!: boolean;

  @Column({ name: 'auto_approve_diff', type: 'boolean', default: false })
  autoApproveDiff!: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  model!: string | null;

  /** The task's own budget (USD, tokens); null defers to the organisation's task budget. */
  @Column({ name: 'budget_usd', type: 'numeric', precision: 12, scale: 6, nullable: true })
  budgetUsd!: string | null;

  @Column({ name: 'budget_tokens', type: 'bigint', nullable: true })
  budgetTokens!: string | null;

  /** Incremented by each retry; part of the start command's idempotency key. */
  @Column({ type: 'int', default: 1 })
  attempt!: number;

  /** Best-of-N (ADR 0034): coding attempts run in parallel after the plan is approved; 1 is a single attempt. */
  @Column({ type: 'int', default: 1 })
  candidates!: number;

  @Column({ type: 'enum', enum: ['dashboard', 'github'], enumName: 'task_source', default: 'dashboard' })
  source!: 'dashboard' | 'github';

  /** The highest event sequence number issued for this task; events are numbered from 1. */
  @Column({ name: 'last_event_seq', type: 'int', default: 0 })
  lastEventSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /**
   * The W3C `traceparent` of the request that created the task (null with tracing off): every
   * later run of the task (after an approval, a restart, a retry) is traced as its child, so one
   * task is one trace.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  traceparent!: string | null;

  /** The task this one was forked from (ADR 0036); null for a task started on its own. */
  @Column({ name: 'parent_task_id', type: 'uuid', nullable: true })
  parentTaskId!: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_task_id' })
  parent?: TaskEntity;

  /** The parent's LangGraph checkpoint the fork starts from (`task_checkpoints.checkpoint_id`). */
  @Column({ name: 'forked_from_checkpoint', type: 'varchar', length: 100, nullable: true })
  forkedFromCheckpoint!: string | null;
}
