import { Injectable } from '@nestjs/common';
import type { GithubTaskLink } from '@patchbay/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { GithubDeliveryEntity, GithubInstallationEntity, OrganisationEntity, PullRequestEntity, RepositoryEntity, TaskGithubLinkEntity } from '../entities';

export interface DeliveryRecord {
  deliveryId: string;
  event: string;
  action: string | null;
  installationId: number | null;
}

/** The stored link in the shape the bus carries it. */
export function toGithubTaskLink(link: TaskGithubLinkEntity): GithubTaskLink {
  return {
    installationId: Number(link.installationId),
    repository: link.repository,
    threadNumber: link.threadNumber,
    threadKind: link.threadKind,
    triggerCommentId: link.triggerCommentId === null ? null : Number(link.triggerCommentId),
    followUp: link.followUpPullRequest !== null && link.followUpBranch !== null ? { pullRequestNumber: link.followUpPullRequest, branch: link.followUpBranch } : null,
    reviewCommentIds: link.reviewCommentIds,
    triggeredBy: { login: link.triggeredByLogin, id: Number(link.triggeredByGithubId) },
  };
}

/** Data access for the GitHub App: deliveries, installations, their repositories and task links. */
@Injectable()
export class GithubRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a delivery; false when its id was seen before (a redelivery to acknowledge and drop). */
  async recordDelivery(delivery: DeliveryRecord): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO github_deliveries (delivery_id, event, action, installation_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id`,
      [delivery.deliveryId, delivery.event, delivery.action, delivery.installationId],
    );
    return rows.length === 1;
  }

  async forgetDelivery(deliveryId: string): Promise<void> {
    await this.dataSource.getRepository(GithubDeliveryEntity).delete({ deliveryId, outcome: 'received' });
  }

  async finishDelivery(deliveryId: string, outcome: string, taskId: string | null = null): Promise<void> {
    await this.dataSource.getRepository(GithubDeliveryEntity).update({ deliveryId }, { outcome: outcome.slice(0, 300), taskId, processedAt: new Date() });
  }

  findDelivery(deliveryId: string): Promise<GithubDeliveryEntity | null> {
    return this.dataSource.getRepository(GithubDeliveryEntity).findOneBy({ deliveryId });
  }

  findInstallation(installationId: number): Promise<GithubInstallationEntity | null> {
    return this.dataSource.getRepository(GithubInstallationEntity).findOneBy({ installationId: String(installationId) });
  }

  /**
   * Records an installation under the organisation whose slug is the GitHub account's login
   * (created if missing, as GitHub sign-in does), and un-suspends it.
   */
  async upsertInstallation(installationId: number, accountLogin: string): Promise<GithubInstallationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const slug = accountLogin.toLowerCase().slice(0, 63);
      await manager.query('INSERT INTO organisations (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING', [slug, accountLogin]);
      const organisation = await manager.getRepository(OrganisationEntity).findOneByOrFail({ slug });
      await manager.query(
        `INSERT INTO github_installations (installation_id, account_login, organisation_id) VALUES ($1, $2, $3)
         ON CONFLICT (installation_id) DO UPDATE SET account_login = EXCLUDED.account_login, suspended_at = NULL`,
        [String(installationId), accountLogin, organisation.id],
      );
      return manager.getRepository(GithubInstallationEntity).findOneByOrFail({ installationId: String(installationId) });
    });
  }

  async setSuspended(installationId: number, suspended: boolean): Promise<void> {
    await this.dataSource.getRepository(GithubInstallationEntity).update({ installationId: String(installationId) }, { suspendedAt: suspended ? new Date() : null });
  }

  /**
   * A repository the installation can reach. New ones start off the allow-list: installing the
   * app grants GitHub access, an admin's allow-list decision grants Patchbay work.
   */
  async upsertRepository(installation: GithubInstallationEntity, fullName: string, fields: { defaultBranch?: string; cloneUrl: string }): Promise<RepositoryEntity> {
    const repo = this.dataSource.getRepository(RepositoryEntity);
    if (!installation.organisationId) throw new Error(`installation ${installation.installationId} belongs to no organisation`);
    const existing = await repo.findOneBy({ organisationId: installation.organisationId, fullName });
    if (existing) {
      existing.githubInstallationId = installation.id;
      existing.cloneUrl = fields.cloneUrl;
      if (fields.defaultBranch) existing.defaultBranch = fields.defaultBranch;
      return repo.save(existing);
    }
    return repo.save(repo.create({
      organisationId: installation.organisationId, fullName, source: 'github', githubInstallationId: installation.id,
      cloneUrl: fields.cloneUrl, defaultBranch: fields.defaultBranch ?? 'main', allowed: false,
    }));
  }

  async detachRepository(installation: GithubInstallationEntity, fullName: string): Promise<void> {
    if (!installation.organisationId) return;
    await this.dataSource.getRepository(RepositoryEntity).update({ organisationId: installation.organisationId, fullName, githubInstallationId: installation.id }, { githubInstallationId: null, allowed: false });
  }

  findRepository(installation: GithubInstallationEntity, fullName: string): Promise<RepositoryEntity | null> {
    if (!installation.organisationId) return Promise.resolve(null);
    return this.dataSource.getRepository(RepositoryEntity).findOneBy({ organisationId: installation.organisationId, fullName, source: 'github' });
  }

  /** The pull request Patchbay opened with this number, if it is one of ours. */
  findPatchbayPullRequest(repositoryId: string, number: number): Promise<PullRequestEntity | null> {
    return this.dataSource.getRepository(PullRequestEntity).findOneBy({ repositoryId, number });
  }

  async insertLink(manager: EntityManager, link: Omit<TaskGithubLinkEntity, 'createdAt' | 'task'>): Promise<void> {
    await manager.getRepository(TaskGithubLinkEntity).insert(link);
  }

  findLinkByDelivery(deliveryId: string): Promise<TaskGithubLinkEntity | null> {
    return this.dataSource.getRepository(TaskGithubLinkEntity).findOneBy({ deliveryId });
  }

  findLink(taskId: string): Promise<TaskGithubLinkEntity | null> {
    return this.dataSource.getRepository(TaskGithubLinkEntity).findOneBy({ taskId });
  }
}
