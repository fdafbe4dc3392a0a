import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

/**
 * A constraint a developer added while the task ran (issue 20). The task's own `constraints` stay
 * as created; the rules in force are those narrowed by every row here (mergeTaskConstraints), and
 * each later coding round is sent them, so a coding agent that missed the live notice catches up.
 */
@Entity({ name: 'task_constraint_additions' })
@Index('ix_task_constraint_additions_task_created', ['taskId', 'createdAt'])
export class TaskConstraintAdditionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Glob patterns added to the files the task must not change; empty when the addition has none. */
  @Column({ name: 'avoid_files', type: 'jsonb', default: () => "'[]'" })
  avoidFiles!: string[];

  @Column({ name: 'max_files_changed', type: 'int', nullable: true })
  maxFilesChanged!: number | null;

  @Column({ name: 'added_by', type: 'uuid' })
  addedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'added_by' })
  adder?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
