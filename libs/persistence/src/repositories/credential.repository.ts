import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { ModelCredentialEntity } from '../entities';

@Injectable()
export class CredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ModelCredentialEntity);
  }

  insert(fields: Partial<ModelCredentialEntity>): Promise<ModelCredentialEntity> {
    return this.repo.save(this.repo.create(fields));
  }

  /** Keys the caller may see: the organisation's and their own. */
  listVisible(organisationId: string, userId: string): Promise<ModelCredentialEntity[]> {
    return this.repo.find({
      where: [
        { organisationId, userId: IsNull() },
        { organisationId, userId },
      ],
      order: { createdAt: 'DESC' },
    });
  }

  /** The key that applies to a user for a provider: their own beats the organisation's. */
  async findEffective(organisationId: string, userId: string, provider: string): Promise<ModelCredentialEntity | null> {
    return (
      (await this.repo.findOne({ where: { organisationId, userId, provider }, order: { createdAt: 'DESC' } })) ??
      (await this.findOrganisationKey(organisationId, provider))
    );
  }

  findOrganisationKey(organisationId: string, provider: string): Promise<ModelCredentialEntity | null> {
    return this.repo.findOne({ where: { organisationId, userId: IsNull(), provider }, order: { createdAt: 'DESC' } });
  }

  findById(organisationId: string, id: string): Promise<ModelCredentialEntity | null> {
    return this.repo.findOneBy({ organisationId, id });
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}
