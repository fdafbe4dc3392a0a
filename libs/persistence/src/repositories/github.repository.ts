import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { GithubTaskLink } from '@patchbay/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import {
  GithubDeliveryEntity,
  GithubInstallationEntity,
  OrganisationEntity,
  PullRequestEntity,
  RepositoryEntity,
  TaskGithubLinkEntity,
} from '../entities';

export interface DeliveryRecord {
  deliveryId: string;
  event: string;
  action: string | null;
  installationId: number | null;
  /** SHA-256 (hex) of the raw signed body. */
  bodySha256: string;
}

/**
 * What recording a delivery found: a new delivery to act on, a delivery id seen before (GitHub
 * redelivering), or a body seen before under another id within the window (a replay).
 */
export type DeliveryAdmission = { kind: 'new' } | { kind: 'duplicate' } | { kind: 'replay'; replayOf: string };

/** The stored link in the shape the bus carries it. */
export function toGithubTaskLink(link: TaskGithubLinkEntity): GithubTaskLink {
  return {
    installationId: Number(link.installationId),
    repository: link.repository,
    threadNumber: link.threadNumber,
    threadKind: link.threadKind,
    triggerCommentId: link.triggerCommentId === null ? null : Number(link.triggerCommentId),
    followUp:
      link.followUpPullRequest !== null && link.followUpBranch !== null
        ? { pullRequestNumber: link.followUpPullRequest, branch: link.followUpBranch }
        : null,
    reviewCommentIds: link.reviewCommentIds,
    triggeredBy: { login: link.triggeredByLogin, id: Number(link.triggeredByGithubId) },
  };
}

/** Data access for the GitHub App: deliveries, installations, their repositories and task links. */
@Injectable()
export class GithubRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a delivery and says whether to act on it. A delivery id seen before is a duplicate
   * (nothing recorded). A body seen within `replayWindowHours` under another id is recorded as a
   * replay of the first delivery that brought it, already finished, so nothing acts on it.
   * The lookup and the insert run under an advisory lock keyed by the body's hash, so two copies
   * of one body arriving together cannot both pass as new. (A unique index on the hash would not
   * do: the same body is legitimate again once the window has passed, and replays are kept.)
   */
  async recordDelivery(delivery: DeliveryRecord, replayWindowHours: number): Promise<DeliveryAdmission> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `patchbay.github_deliveries:${delivery.bodySha256}`,
      ]);
      const earlier: Array<{ delivery_id: string; replay_of: string | null }> = await manager.query(
        `SELECT delivery_id, replay_of FROM github_deliveries
         WHERE body_sha256 = $1 AND received_at > now() - make_interval(hours => $2) AND delivery_id <> $3
         ORDER BY received_at LIMIT 1`,
        [delivery.bodySha256, replayWindowHours, delivery.deliveryId],
      );
      const replayOf = earlier[0] ? (earlier[0].replay_of ?? earlier[0].delivery_id) : null;
      // A replay is finished on arrival: the worker skips any delivery whose outcome is not `received`.
      const inserted: unknown[] = await manager.query(
        `INSERT INTO github_deliveries (delivery_id, event, action, installation_id, body_sha256, replay_of, outcome, processed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id`,
        [
          delivery.deliveryId,
          delivery.event,
          delivery.action,
          delivery.installationId,
          delivery.bodySha256,
          replayOf,
          replayOf ? `replay of ${replayOf}` : 'received',
          replayOf ? new Date() : null,
        ],
      );
      if (inserted.length === 0) return { kind: 'duplicate' };
      return replayOf ? { kind: 'replay', replayOf } : { kind: 'new' };
    });
  }

  async forgetDelivery(deliveryId: string): Promise<void> {
    await this.dataSource.getRepository(GithubDeliveryEntity).delete({ deliveryId, outcome: 'received' });
  }

  async finishDelivery(deliveryId: string, outcome: string, taskId: string | null = null): Promise<void> {
    await this.dataSource
      .getRepository(GithubDeliveryEntity)
      .update({ deliveryId }, { outcome: outcome.slice(0, 300), taskId, processedAt: new Date() });
  }

  findDelivery(deliveryId: string): Promise<GithubDeliveryEntity | null> {
    return this.dataSource.getRepository(GithubDeliveryEntity).findOneBy({ deliveryId });
  }

  findInstallation(installationId: number): Promise<GithubInstallationEntity | null> {
    return this.dataSource
      .getRepository(GithubInstallationEntity)
      .findOneBy({ installationId: String(installationId) });
  }

  /**
   * Records an installation under the organisation whose slug is the GitHub account's login
   * (created if missing, as GitHub sign-in does), and un-suspends it.
   */
  async upsertInstallation(installationId: number, accountLogin: string): Promise<GithubInstallationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const slug = accountLogin.toLowerCase().slice(0, 63);
      await manager.query('INSERT INTO organisations (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING', [
        slug,
        accountLogin,
      ]);
      const organisation = await manager.getRepository(OrganisationEntity).findOneByOrFail({ slug });
      await manager.query(
        `INSERT INTO github_installations (installation_id, account_login, organisation_id) VALUES ($1, $2, $3)
         ON CONFLICT (installation_id) DO UPDATE SET account_login = EXCLUDED.account_login, suspended_at = NULL`,
        [String(installationId), accountLogin, organisation.id],
      );
      return manager
        .getRepository(GithubInstallationEntity)
        .findOneByOrFail({ installationId: String(installationId) });
    });
  }

  async setSuspended(installationId: number, suspended: boolean): Promise<void> {
    await this.dataSource
      .getRepository(GithubInstallationEntity)
      .update({ installationId: String(installationId) }, { suspendedAt: suspended ? new Date() : null });
  }

  /**
   * A repository the installation can reach. New ones start off the allow-list: installing the
   * app grants GitHub access, an admin's allow-list decision grants Patchbay work. The mirror's
   * path is made from the row's ids (`cloneUrlFor`), so a new row gets its id before it is written.
   */
  async upsertRepository(
    installation: GithubInstallationEntity,
    fullName: string,
    fields: { defaultBranch?: string; cloneUrlFor: (repository: { organisationId: string; id: string }) => string },
  ): Promise<RepositoryEntity> {
    const repo = this.dataSource.getRepository(RepositoryEntity);
    if (!installation.organisationId)
      throw new Error(`installation ${installation.installationId} belongs to no organisation`);
    const existing = await repo.findOneBy({ organisationId: installation.organisationId, fullName });
    if (existing) {
      existing.githubInstallationId = installation.id;
      existing.cloneUrl = fields.cloneUrlFor(existing);
      if (fields.defaultBranch) existing.defaultBranch = fields.defaultBranch;
      return repo.save(existing);
    }
    const ids = { organisationId: installation.organisationId, id: randomUUID() };
    return repo.save(
      repo.create({
        ...ids,
        fullName,
        source: 'github',
        githubInstallationId: installation.id,
        cloneUrl: fields.cloneUrlFor(ids),
        defaultBranch: fields.defaultBranch ?? 'main',
        allowed: false,
      }),
    );
  }

  async detachRepository(installation: GithubInstallationEntity, fullName: string): Promise<void> {
    if (!installation.organisationId) return;
    await this.dataSource
      .getRepository(RepositoryEntity)
      .update(
        { organisationId: installation.organisationId, fullName, githubInstallationId: installation.id },
        { githubInstallationId: null, allowed: false },
      );
  }

  findRepository(installation: GithubInstallationEntity, fullName: string): Promise<RepositoryEntity | null> {
    if (!installation.organisationId) return Promise.resolve(null);
    return this.dataSource
      .getRepository(RepositoryEntity)
      .findOneBy({ organisationId: installation.organisationId, fullName, source: 'github' });
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

  /** The task started from this thread that waits on an answer to the planner's question, if one does (ADR 0026). */
  findTaskAwaitingClarification(
    installationId: number,
    repository: string,
    threadNumber: number,
  ): Promise<TaskGithubLinkEntity | null> {
    return this.dataSource
      .getRepository(TaskGithubLinkEntity)
      .createQueryBuilder('l')
      .innerJoin('l.task', 't')
      .where('l.installation_id = :installationId', { installationId: String(installationId) })
      .andWhere('l.repository = :repository', { repository })
      .andWhere('l.thread_number = :threadNumber', { threadNumber })
      .andWhere("t.status = 'awaiting_clarification'")
      .orderBy('l.created_at', 'DESC')
      .getOne();
  }
}
