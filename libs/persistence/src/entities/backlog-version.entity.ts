import type { BacklogPatch, BacklogTreeItem } from '@patchbay/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BacklogProjectEntity } from './backlog-project.entity';
import { UserEntity } from './user.entity';

/** A tree task as a version's snapshot keeps it. */
export type BacklogVersionItem = BacklogTreeItem;

/** Every accepted patch, append-only: the patch as applied (with any edits), who accepted it, and the tree after it. */
@Entity({ name: 'backlog_versions' })
export class BacklogVersionEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => BacklogProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: BacklogProjectEntity;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  patch!: BacklogPatch;

  /** The proposal accepted; null for a patch applied directly. */
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @Column({ name: 'accepted_by', type: 'uuid' })
  acceptedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accepted_by' })
  acceptor?: UserEntity;

  @Column({ type: 'jsonb' })
  items!: BacklogVersionItem[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
