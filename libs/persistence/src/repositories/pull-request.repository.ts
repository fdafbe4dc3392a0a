import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PullRequestEntity } from '../entities';

@Injectable()
export class PullRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByTask(taskId: string): Promise<PullRequestEntity | null> {
    return this.dataSource.getRepository(PullRequestEntity).findOne({ where: { taskId }, relations: { repository: true } });
  }

  async markMerged(id: string): Promise<void> {
    await this.dataSource.getRepository(PullRequestEntity).update({ id }, { state: 'merged' });
  }
}
