import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

/**
 * A LangGraph checkpoint of a task's thread as the supervisor reads it back from its checkpointer
 * (ADR 0036): written only by the supervisor, which owns the graph's state, so the gateway can list
 * checkpoints and check a fork's without loading LangGraph or decoding its blobs.
 */
@Entity({ name: 'task_checkpoints' })
@Index('uq_task_checkpoints_thread_checkpoint', ['threadId', 'checkpointId'], { unique: true })
@Index('ix_task_checkpoints_task_at', ['taskId', 'at'])
export class TaskCheckpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'int' })
  attempt!: number;

  /** The LangGraph thread (`<taskId>:<attempt>`). */
  @Column({ name: 'thread_id', type: 'varchar', length: 100 })
  threadId!: string;

  /** LangGraph's own id of the checkpoint, what a fork names. */
  @Column({ name: 'checkpoint_id', type: 'varchar', length: 100 })
  checkpointId!: string;

  /** The graph node whose completion wrote it; null for the thread's first checkpoint. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  node!: string | null;

  /** The node that runs next from here; null once the graph has ended. */
  @Column({ name: 'next_node', type: 'varchar', length: 60, nullable: true })
  nextNode!: string | null;

  /** LangGraph's step number within the thread. */
  @Column({ type: 'int' })
  step!: number;

  /** The coding round the task was in. */
  @Column({ type: 'int', default: 0 })
  round!: number;

  @Column({ name: 'has_plan', type: 'boolean', default: false })
  hasPlan!: boolean;

  /** When LangGraph wrote the checkpoint. */
  @Column({ type: 'timestamptz' })
  at!: Date;
}
