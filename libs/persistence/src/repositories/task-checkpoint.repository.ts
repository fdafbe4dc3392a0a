import { Injectable } from '@nestjs/common';
import { Between, DataSource, In } from 'typeorm';
import { ArtifactEntity, TaskCheckpointEntity, TaskEntity } from '../entities';

export type CheckpointRecord = Omit<TaskCheckpointEntity, 'id' | 'task'>;

/**
 * The supervisor's record of its checkpoints (ADR 0036). The supervisor writes it, as it reads
 * each thread's history back from LangGraph; everyone else only reads it.
 */
@Injectable()
export class TaskCheckpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores checkpoints not recorded yet; one already there is left as it was (a checkpoint never changes). */
  async record(checkpoints: readonly CheckpointRecord[]): Promise<void> {
    // Guard against an INSERT with no rows: TypeORM would send invalid SQL.
    if (checkpoints.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TaskCheckpointEntity)
      .values(checkpoints.map((checkpoint) => ({ ...checkpoint })))
      .orIgnore()
      .execute();
  }

  /** Every checkpoint of the task, over all its attempts, oldest first. */
  listForTask(taskId: string): Promise<TaskCheckpointEntity[]> {
    return this.dataSource
      .getRepository(TaskCheckpointEntity)
      .find({ where: { taskId }, order: { at: 'ASC', step: 'ASC' } });
  }

  find(taskId: string, checkpointId: string): Promise<TaskCheckpointEntity | null> {
    return this.dataSource.getRepository(TaskCheckpointEntity).findOne({ where: { taskId, checkpointId } });
  }

  /** The checkpoints with these LangGraph ids, to name the stage forks started from. */
  findMany(checkpointIds: readonly string[]): Promise<TaskCheckpointEntity[]> {
    if (checkpointIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(TaskCheckpointEntity)
      .find({ where: { checkpointId: In([...checkpointIds]) } });
  }

  /** The first checkpoint of a thread: when that attempt started. */
  threadStart(threadId: string): Promise<TaskCheckpointEntity | null> {
    return this.dataSource
      .getRepository(TaskCheckpointEntity)
      .findOne({ where: { threadId }, order: { at: 'ASC', step: 'ASC' } });
  }

  /**
   * The workspace as it stood after a coding round, within a window of time (one attempt, up to
   * the checkpoint): the round's stored change against the base commit (ADR 0036).
   */
  async workspaceSnapshot(taskId: string, round: number, from: Date, to: Date): Promise<Buffer | null> {
    const artifact = await this.dataSource.getRepository(ArtifactEntity).findOne({
      where: { taskId, kind: 'attempt_diff', round, createdAt: Between(from, to) },
      order: { createdAt: 'DESC' },
    });
    return artifact?.content ?? null;
  }

  /** The tasks forked from this one, oldest first. */
  forksOf(taskId: string): Promise<TaskEntity[]> {
    return this.dataSource
      .getRepository(TaskEntity)
      .find({ where: { parentTaskId: taskId }, order: { createdAt: 'ASC' } });
  }
}
