import type { PlanStep, TargetTest } from '@patchbay/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

/** Every plan version a task went through: proposed by the planner or edited by a human. */
@Entity({ name: 'plans' })
@Index('uq_plans_task_version', ['taskId', 'version'], { unique: true })
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  steps!: PlanStep[];

  /** The tests the task must make pass; part of the content hash when there are any. */
  @Column({ name: 'target_tests', type: 'jsonb', default: () => "'[]'" })
  targetTests!: TargetTest[];

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ name: 'edited_by', type: 'uuid', nullable: true })
  editedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
