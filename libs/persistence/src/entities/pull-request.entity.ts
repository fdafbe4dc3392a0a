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
import { RepositoryEntity } from './repository.entity';
import { TaskEntity } from './task.entity';

@Entity({ name: 'pull_requests' })
@Index('uq_pull_requests_repository_number', ['repositoryId', 'number'], { unique: true })
export class PullRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ name: 'repository_id', type: 'uuid' })
  repositoryId!: string;

  @ManyToOne(() => RepositoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'repository_id' })
  repository?: RepositoryEntity;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ name: 'head_branch', type: 'varchar', length: 255 })
  headBranch!: string;

  @Column({ name: 'base_branch', type: 'varchar', length: 255 })
  baseBranch!: string;

  @Column({ name: 'head_sha', type: 'char', length: 40, nullable: true })
  headSha!: string | null;

  @Column({ type: 'enum', enum: ['open', 'closed', 'merged'], enumName: 'pull_request_state', default: 'open' })
  state!: 'open' | 'closed' | 'merged';

  @Column({ type: 'boolean', default: true })
  draft!: boolean;

  @Column({ type: 'text', default: '' })
  body!: string;

  /** When the pull request was merged (through Patchbay); the report's time to merge starts at createdAt. */
  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true })
  mergedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
