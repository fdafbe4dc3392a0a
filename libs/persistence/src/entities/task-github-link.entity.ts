import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TaskEntity } from './task.entity';

/** Ties a task started from GitHub to its thread, its trigger and (for follow-ups) its pull request. */
@Entity({ name: 'task_github_links' })
@Index('ix_task_github_links_thread', ['repository', 'threadNumber'])
export class TaskGithubLinkEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @OneToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ name: 'installation_id', type: 'bigint' })
  installationId!: string;

  /** `owner/name` on GitHub. */
  @Column({ type: 'varchar', length: 201 })
  repository!: string;

  @Column({ name: 'thread_number', type: 'int' })
  threadNumber!: number;

  @Column({ name: 'thread_kind', type: 'enum', enum: ['issue', 'pull_request'], enumName: 'github_thread_kind' })
  threadKind!: 'issue' | 'pull_request';

  @Column({ name: 'trigger_comment_id', type: 'bigint', nullable: true })
  triggerCommentId!: string | null;

  @Column({ name: 'follow_up_pull_request', type: 'int', nullable: true })
  followUpPullRequest!: number | null;

  @Column({ name: 'follow_up_branch', type: 'varchar', length: 255, nullable: true })
  followUpBranch!: string | null;

  @Column({ name: 'review_comment_ids', type: 'jsonb', default: () => "'[]'" })
  reviewCommentIds!: number[];

  @Column({ name: 'triggered_by_login', type: 'varchar', length: 39 })
  triggeredByLogin!: string;

  @Column({ name: 'triggered_by_github_id', type: 'bigint' })
  triggeredByGithubId!: string;

  @Column({ name: 'delivery_id', type: 'varchar', length: 100 })
  deliveryId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
