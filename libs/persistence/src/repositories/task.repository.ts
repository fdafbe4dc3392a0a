import { ACTIVE_TASK_STATUSES, type TaskStatus } from '@patchbay/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { TaskEntity } from '../entities';

export interface TaskListFilter {
  organisationId: string;
  status?: TaskStatus;
  repositoryId?: string;
  createdBy?: string;
  /** Text the prompt contains, case-insensitively (matched literally: % and _ are not wildcards). */
  search?: string;
  createdFrom?: Date;
  createdBefore?: Date;
  limit: number;
  /** Keyset position: the (createdAt, id) of the last task of the previous page. */
  after?: { createdAt: Date; id: string };
}

@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** For reads outside a transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  findById(organisationId: string, id: string): Promise<TaskEntity | null> {
    return this.dataSource
      .getRepository(TaskEntity)
      .findOne({ where: { organisationId, id }, relations: { repository: true, creator: true } });
  }

  /** Newest first, keyset-paginated so that tasks created while paging never shift a page. */
  list(filter: TaskListFilter): Promise<TaskEntity[]> {
    const query = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.repository', 'r')
      .leftJoinAndSelect('t.creator', 'creator')
      .where('t.organisation_id = :organisationId', { organisationId: filter.organisationId })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(filter.limit);
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.repositoryId) query.andWhere('t.repository_id = :repositoryId', { repositoryId: filter.repositoryId });
    if (filter.createdBy) query.andWhere('t.created_by = :createdBy', { createdBy: filter.createdBy });
    if (filter.search)
      query.andWhere("t.prompt ILIKE :search ESCAPE '\\'", {
        search: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    if (filter.createdFrom) query.andWhere('t.created_at >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdBefore) query.andWhere('t.created_at < :createdBefore', { createdBefore: filter.createdBefore });
    if (filter.after) {
      query.andWhere('(t.created_at, t.id) < (:afterAt, :afterId)', {
        afterAt: filter.after.createdAt,
        afterId: filter.after.id,
      });
    }
    return query.getMany();
  }

  /**
   * Tasks waiting for a human decision that `userId` may give: every plan awaiting approval, and
   * every diff awaiting approval except the user's own where the repository requires a second
   * approver (the rule ApprovalsService enforces). Oldest first: the longest wait comes first.
   */
  listAwaitingReviewBy(organisationId: string, userId: string, limit: number): Promise<TaskEntity[]> {
    return this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.repository', 'r')
      .leftJoinAndSelect('t.creator', 'creator')
      .where('t.organisation_id = :organisationId', { organisationId })
      .andWhere(
        "(t.status IN ('awaiting_plan_approval', 'awaiting_clarification') OR (t.status = 'awaiting_diff_approval' AND NOT (r.require_separate_approver AND t.created_by = :userId)))",
        { userId },
      )
      .orderBy('t.updated_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  countActive(manager: EntityManager, organisationId: string, createdBy?: string): Promise<number> {
    return manager.getRepository(TaskEntity).countBy({
      organisationId,
      status: In([...ACTIVE_TASK_STATUSES]),
      ...(createdBy ? { createdBy } : {}),
    });
  }

  insert(manager: EntityManager, fields: Partial<TaskEntity>): Promise<TaskEntity> {
    const repo = manager.getRepository(TaskEntity);
    return repo.save(repo.create(fields));
  }

  /** Locks the task row for the rest of the transaction: status changes are serialised per task. */
  lockById(manager: EntityManager, organisationId: string, id: string): Promise<TaskEntity | null> {
    return manager
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id AND t.organisation_id = :organisationId', { id, organisationId })
      .getOne();
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
