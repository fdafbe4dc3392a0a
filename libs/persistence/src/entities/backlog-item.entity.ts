import type { BacklogItemStatus } from '@patchbay/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BacklogProjectEntity } from './backlog-project.entity';
import { TaskEntity } from './task.entity';

/**
 * A task of a backlog project's tree as of the project's current version. Rows are written only
 * by applying a patch (ids are given by the application) and by linking a leaf to the coding task
 * it was sent as; earlier versions live on as snapshots in `backlog_versions`.
 */
@Entity({ name: 'backlog_items' })
@Index('ix_backlog_items_project', ['projectId'])
// One backlog task per coding task: the task view finds its backlog task by this.
@Index('uq_backlog_items_task', ['taskId'], { unique: true, where: '"task_id" IS NOT NULL' })
export class BacklogItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => BacklogProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: BacklogProjectEntity;

  /** Null at the top level. Not a foreign key: a patch may move and delete in any order its rules allow. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'acceptance_criteria', type: 'jsonb', default: () => "'[]'" })
  acceptanceCriteria!: string[];

  @Column({ type: 'varchar', length: 20, default: 'todo' })
  status!: BacklogItemStatus;

  @Column({ type: 'integer', default: 0 })
  position!: number;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity | null;
}
