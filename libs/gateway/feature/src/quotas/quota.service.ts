import { Injectable } from '@nestjs/common';
import {
  DEFAULT_QUOTA_LIMITS,
  QUOTA_KINDS,
  type QuotaKind,
  type QuotaScope,
  type QuotaStatus,
  type SetQuotaRequest,
} from '@patchbay/contracts';
import { OrganisationRepository, QuotaRepository, TaskRepository } from '@patchbay/persistence';
import { NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QuotaExceededException } from './quota-exceeded.exception';
import { noteAuditChanges } from '../audit/audit-changes';

export interface QuotaSubject {
  organisationId: string;
  userId: string;
}

function utcDay(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Counted per UTC day; the others are a count of running tasks or a per-task limit (candidates_per_task). */
function isDaily(kind: QuotaKind): boolean {
  return kind === 'tasks_per_day' || kind === 'pull_requests_per_day';
}

function nextUtcMidnight(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * Per-organisation and per-user limits. Checks run inside the caller's transaction so that a
 * refused request leaves no trace: the counters roll back with everything else. Every limit and
 * counter belongs to one organisation: a user's limits and usage in one organisation are
 * independent of their limits and usage in another.
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly quotas: QuotaRepository,
    private readonly tasks: TaskRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  async limitFor(
    organisationId: string,
    scope: QuotaScope,
    subjectKey: string,
    kind: QuotaKind,
    manager?: EntityManager,
  ): Promise<number> {
    return (await this.quotas.findLimit(organisationId, subjectKey, kind, manager)) ?? DEFAULT_QUOTA_LIMITS[kind];
  }

  /** Takes one task slot: concurrency first (nothing consumed yet), then the daily counters. */
  async consumeTaskStart(manager: EntityManager, subject: QuotaSubject): Promise<void> {
    // Serialises task starts per organisation so two requests cannot both see the last free slot.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`quota:${subject.organisationId}`]);
    for (const [scope, key, createdBy] of this.scopes(subject)) {
      const limit = await this.limitFor(subject.organisationId, scope, key, 'concurrent_tasks', manager);
      const active = await this.tasks.countActive(manager, subject.organisationId, createdBy);
      if (active >= limit) throw new QuotaExceededException('concurrent_tasks', scope, limit, null);
    }
    await this.consumeDaily(manager, subject, 'tasks_per_day');
  }

  /**
   * Best-of-N (ADR 0034): a task may run at most the organisation's `candidates_per_task` coding
   * attempts at once (each takes a sandbox and makes its own model calls). 422 naming the limit.
   */
  async assertCandidatesAllowed(manager: EntityManager, organisationId: string, candidates: number): Promise<void> {
    if (candidates <= 1) return;
    const limit = await this.limitFor(organisationId, 'organisation', organisationId, 'candidates_per_task', manager);
    if (candidates > limit)
      throw new UnprocessableEntityException(
        `candidates: ${candidates} parallel attempts asked for, but this organisation allows at most ${limit} per task (quota candidates_per_task); ask for ${limit} or fewer, or have an admin raise the quota`,
      );
  }

  async consumePullRequest(manager: EntityManager, subject: QuotaSubject): Promise<void> {
    await this.consumeDaily(manager, subject, 'pull_requests_per_day');
  }

  async status(organisationId: string): Promise<QuotaStatus[]> {
    const day = utcDay();
    const stored = await this.quotas.listForOrganisation(organisationId);
    const result: QuotaStatus[] = [];
    for (const kind of QUOTA_KINDS) {
      const organisationLimit =
        stored.find((q) => q.scope === 'organisation' && q.kind === kind)?.limit ?? DEFAULT_QUOTA_LIMITS[kind];
      result.push({
        kind,
        scope: 'organisation',
        userId: null,
        limit: organisationLimit,
        used:
          kind === 'concurrent_tasks'
            ? await this.tasks.countActive(this.tasks.manager, organisationId)
            : await this.quotas.usedToday(organisationId, organisationId, kind, day),
        resetsAt: isDaily(kind) ? nextUtcMidnight().toISOString() : null,
      });
    }
    for (const quota of stored.filter((q) => q.scope === 'user')) {
      result.push({
        kind: quota.kind,
        scope: 'user',
        userId: quota.subjectKey,
        limit: quota.limit,
        used:
          quota.kind === 'concurrent_tasks'
            ? await this.tasks.countActive(this.tasks.manager, organisationId, quota.subjectKey)
            : await this.quotas.usedToday(organisationId, quota.subjectKey, quota.kind, day),
        resetsAt: isDaily(quota.kind) ? nextUtcMidnight().toISOString() : null,
      });
    }
    return result;
  }

  async setLimit(organisationId: string, request: SetQuotaRequest): Promise<QuotaStatus[]> {
    if (
      request.scope === 'user' &&
      request.userId &&
      !(await this.organisations.findMembership(organisationId, request.userId))
    ) {
      throw new NotFoundException(`No member with id ${request.userId} in this organisation`);
    }
    const subjectKey = request.scope === 'user' && request.userId ? request.userId : organisationId;
    // A limit never stored is the default for the organisation, and none (the organisation's applies) for a user.
    const before =
      (await this.quotas.findLimit(organisationId, subjectKey, request.kind)) ??
      (request.scope === 'organisation' ? DEFAULT_QUOTA_LIMITS[request.kind] : null);
    await this.quotas.upsertLimit({
      organisationId,
      scope: request.scope,
      subjectKey,
      kind: request.kind,
      limit: request.limit,
    });
    if (before !== request.limit)
      noteAuditChanges([{ field: `${request.scope}.${request.kind}`, from: before, to: request.limit }]);
    return this.status(organisationId);
  }

  private async consumeDaily(manager: EntityManager, subject: QuotaSubject, kind: QuotaKind): Promise<void> {
    const day = utcDay();
    for (const [scope, key] of this.scopes(subject)) {
      const limit = await this.limitFor(subject.organisationId, scope, key, kind, manager);
      if (!(await this.quotas.consumeDaily(manager, subject.organisationId, key, kind, day, limit))) {
        throw new QuotaExceededException(kind, scope, limit, nextUtcMidnight());
      }
    }
  }

  /** User limits are checked before organisation limits: the narrower one is the likelier culprit. */
  private scopes(subject: QuotaSubject): Array<[QuotaScope, string, string | undefined]> {
    return [
      ['user', subject.userId, subject.userId],
      ['organisation', subject.organisationId, undefined],
    ];
  }
}
