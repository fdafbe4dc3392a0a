import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

/**
 * `diff` is the diff presented for approval; `attempt_diff` the change as it stood after one coding
 * round; `egress_report` the sandbox's refused connections when the diff was prepared (ADR 0032).
 */
export const ARTIFACT_KINDS = ['diff', 'log', 'audio', 'test_report', 'attempt_diff', 'egress_report'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

@Entity({ name: 'artifacts' })
@Index('ix_artifacts_task_kind', ['taskId', 'kind'])
export class ArtifactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'enum', enum: ARTIFACT_KINDS, enumName: 'artifact_kind' })
  kind!: ArtifactKind;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  /** The coding round an `attempt_diff` was taken after; null for the other kinds. */
  @Column({ type: 'int', nullable: true })
  round!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
