import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { McpRemoteAllowListEntity, McpServerEntity } from '../entities';

@Injectable()
export class McpServerRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get servers() {
    return this.dataSource.getRepository(McpServerEntity);
  }

  insert(fields: Partial<McpServerEntity>): Promise<McpServerEntity> {
    return this.servers.save(this.servers.create(fields));
  }

  list(organisationId: string): Promise<McpServerEntity[]> {
    return this.servers.find({ where: { organisationId }, order: { createdAt: 'ASC' } });
  }

  /** The servers that apply to a task on `repositoryId`: the organisation's and the repository's own. */
  listForRepository(organisationId: string, repositoryId: string): Promise<McpServerEntity[]> {
    return this.servers.find({
      where: [
        { organisationId, repositoryId: IsNull() },
        { organisationId, repositoryId },
      ],
      order: { createdAt: 'ASC' },
    });
  }

  findByName(organisationId: string, repositoryId: string | null, name: string): Promise<McpServerEntity | null> {
    return this.servers.findOneBy({ organisationId, repositoryId: repositoryId ?? IsNull(), name });
  }

  findById(organisationId: string, id: string): Promise<McpServerEntity | null> {
    return this.servers.findOneBy({ organisationId, id });
  }

  async delete(id: string): Promise<void> {
    await this.servers.delete({ id });
  }

  async allowList(organisationId: string): Promise<string[]> {
    return (await this.dataSource.getRepository(McpRemoteAllowListEntity).findOneBy({ organisationId }))?.origins ?? [];
  }

  async setAllowList(organisationId: string, origins: string[]): Promise<void> {
    await this.dataSource.getRepository(McpRemoteAllowListEntity).save({ organisationId, origins });
  }
}
