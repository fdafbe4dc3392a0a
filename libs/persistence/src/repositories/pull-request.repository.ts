import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PullRequestEntity } from '../entities';

@Injectable()
export class PullRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByTask(taskId: string): Promise<PullRequestEntity | null> {
    return this.dataSource
      .getRepository(PullRequestEntity)
      .findOne({ where: { taskId }, relations: { repository: true } });
  }

  /** The pull requests of a page of tasks, in one query (a task has at most one). */
  findByTasks(taskIds: readonly string[]): Promise<PullRequestEntity[]> {
    // An empty IN () is a syntax error in Postgres.
    if (taskIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(PullRequestEntity).findBy({ taskId: In([...taskIds]) });
  }

  /**
   * Records a pull request. A hosted forge numbers its own; for the local forge the next number
   * in the repository is taken, and the URL points at the task in the dashboard.
   */
  async create(
    fields: Omit<
      PullRequestEntity,
      'id' | 'number' | 'createdAt' | 'updatedAt' | 'task' | 'repository' | 'state' | 'mergedAt'
    >,
    forgeNumber: number | null,
  ): Promise<PullRequestEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pr-number:${fields.repositoryId}`]);
      let number = forgeNumber;
      if (number === null) {
        const row = await manager
          .getRepository(PullRequestEntity)
          .createQueryBuilder('p')
          .select('MAX(p.number)', 'max')
          .where('p.repository_id = :id', { id: fields.repositoryId })
          .getRawOne<{ max: number | null }>();
        number = (row?.max ?? 0) + 1;
      }
      const repo = manager.getRepository(PullRequestEntity);
      const url = fields.url || `/tasks/${fields.taskId}#pull-request-${number}`;
      return repo.save(repo.create({ ...fields, url, number, state: 'open' }));
    });
  }

  /** A follow-up commit landed on an existing pull request's branch: its head moves on. */
  async recordFollowUp(repositoryId: string, number: number, headSha: string): Promise<PullRequestEntity | null> {
    const repo = this.dataSource.getRepository(PullRequestEntity);
    await repo.update({ repositoryId, number }, { headSha });
    return repo.findOneBy({ repositoryId, number });
  }

  /** A finished task adds to its pull request's description (the spoken summary's links). */
  async updateBody(id: string, body: string): Promise<void> {
    await this.dataSource.getRepository(PullRequestEntity).update({ id }, { body });
  }

  async markMerged(id: string): Promise<void> {
    await this.dataSource.getRepository(PullRequestEntity).update({ id }, { state: 'merged', mergedAt: new Date() });
  }
}
