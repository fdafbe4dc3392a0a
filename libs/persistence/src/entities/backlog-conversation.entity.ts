import type { BacklogMode } from '@patchbay/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BacklogProjectEntity } from './backlog-project.entity';
import { UserEntity } from './user.entity';

/** A conversation with the backlog planner about a project (project mode) or one of its tasks (task mode). */
@Entity({ name: 'backlog_conversations' })
@Index('ix_backlog_conversations_project', ['projectId', 'createdAt'])
export class BacklogConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => BacklogProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: BacklogProjectEntity;

  @Column({ type: 'varchar', length: 10 })
  mode!: BacklogMode;

  /** Task mode: the task being decomposed. Not a foreign key: the task may be deleted later, the conversation stays. */
  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
