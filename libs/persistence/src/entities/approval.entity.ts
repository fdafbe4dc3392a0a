import type { ApprovalDecision, ApprovalSubject, ReviewComment } from '@patchbay/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

/** Who approved or rejected what, bound to the SHA-256 of the exact plan or diff they saw. */
@Entity({ name: 'approvals' })
@Index('ix_approvals_task', ['taskId'])
export class ApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'enum', enum: ['plan', 'diff'], enumName: 'approval_subject' })
  subject!: ApprovalSubject;

  @Column({ type: 'enum', enum: ['approved', 'rejected'], enumName: 'approval_decision' })
  decision!: ApprovalDecision;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'text', nullable: true })
  feedback!: string | null;

  /** The plan version decided on (plan decisions); null for diffs and rows from before versions were recorded. */
  @Column({ name: 'plan_version', type: 'int', nullable: true })
  planVersion!: number | null;

  /** Inline comments on the diff sent with "Request changes", kept so the record shows them (ADR 0017). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  comments!: ReviewComment[];

  /** The changes outside the approved plan a diff approval acknowledged (ADR 0031); empty otherwise. */
  @Column({ name: 'acknowledged_out_of_plan', type: 'jsonb', default: () => "'[]'" })
  acknowledgedOutOfPlan!: string[];

  /** Null when the plan or diff was approved automatically by a task or repository setting. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by' })
  decider?: UserEntity;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
