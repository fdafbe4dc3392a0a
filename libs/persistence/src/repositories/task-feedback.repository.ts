import { Injectable } from '@nestjs/common';
import type { FeedbackRating } from '@patchbay/contracts';
import { DataSource } from 'typeorm';
import { TaskFeedbackEntity } from '../entities';

export interface FeedbackVote {
  taskId: string;
  userId: string;
  /** Null for a vote on the whole task. */
  filePath: string | null;
  rating: FeedbackRating;
  comment: string | null;
}

@Injectable()
export class TaskFeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a person's vote, replacing their earlier vote on the same task or file. The conflict
   * target names the partial index that applies, so a vote on the task and one on a file of it
   * never replace each other.
   */
  async upsert(vote: FeedbackVote): Promise<TaskFeedbackEntity> {
    const target =
      vote.filePath === null
        ? '("task_id", "user_id") WHERE "file_path" IS NULL'
        : '("task_id", "user_id", "file_path") WHERE "file_path" IS NOT NULL';
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO "task_feedback" ("task_id", "user_id", "file_path", "rating", "comment")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ${target}
       DO UPDATE SET "rating" = EXCLUDED."rating", "comment" = EXCLUDED."comment", "updated_at" = now()
       RETURNING "id"`,
      [vote.taskId, vote.userId, vote.filePath, vote.rating, vote.comment],
    );
    return this.dataSource.getRepository(TaskFeedbackEntity).findOneOrFail({
      where: { id: rows[0].id },
      relations: { user: true },
    });
  }

  /** Every vote on the task, the task's own first, then by file and time. */
  listForTask(taskId: string): Promise<TaskFeedbackEntity[]> {
    return this.dataSource
      .getRepository(TaskFeedbackEntity)
      .createQueryBuilder('f')
      .leftJoinAndSelect('f.user', 'user')
      .where('f.task_id = :taskId', { taskId })
      .orderBy('f.file_path', 'ASC', 'NULLS FIRST')
      .addOrderBy('f.updated_at', 'ASC')
      .getMany();
  }
}
