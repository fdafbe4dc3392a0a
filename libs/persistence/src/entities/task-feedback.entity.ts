import { FEEDBACK_RATINGS, type FeedbackRating } from '@patchbay/contracts';
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
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

/**
 * A reviewer's thumbs up or down on a task's change, or on one file of it. One row per person per
 * task (file_path null) and per file, kept unique by two partial indexes because NULLs never
 * collide in a plain unique index.
 */
@Entity({ name: 'task_feedback' })
@Index('uq_task_feedback_task_vote', ['taskId', 'userId'], { unique: true, where: '"file_path" IS NULL' })
@Index('uq_task_feedback_file_vote', ['taskId', 'userId', 'filePath'], {
  unique: true,
  where: '"file_path" IS NOT NULL',
})
export class TaskFeedbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'file_path', type: 'varchar', length: 1000, nullable: true })
  filePath!: string | null;

  @Column({ type: 'enum', enum: FEEDBACK_RATINGS, enumName: 'feedback_rating' })
  rating!: FeedbackRating;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
