import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RepositoryEntity } from '../entities';

/** Data access for the git repositories an organisation registered (the allow-list). */
@Injectable()
export class RepositoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(RepositoryEntity);
  }

  findById(organisationId: string, id: string): Promise<RepositoryEntity | null> {
    return this.repo.findOneBy({ organisationId, id });
  }

  findByFullName(organisationId: string, fullName: string): Promise<RepositoryEntity | null> {
    return this.repo.findOneBy({ organisationId, fullName });
  }

  list(organisationId: string): Promise<RepositoryEntity[]> {
    return this.repo.find({ where: { organisationId }, order: { fullName: 'ASC' } });
  }

  create(fields: Partial<RepositoryEntity>): Promise<RepositoryEntity> {
    return this.repo.save(this.repo.create(fields));
  }

  save(entity: RepositoryEntity): Promise<RepositoryEntity> {
    return this.repo.save(entity);
  }

  /** Points a repository at its forge copy without touching its other columns (a settings change may be under way). */
  async setCloneUrl(id: string, cloneUrl: string): Promise<void> {
    await this.repo.update({ id }, { cloneUrl });
  }
}
