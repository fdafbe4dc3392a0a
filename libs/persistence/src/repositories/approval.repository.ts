import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ApprovalEntity, ArtifactEntity, PlanEntity, UserEntity, type ArtifactKind } from '../entities';

@Injectable()
export class ApprovalRepository {
  constructor(private readonly dataSource: DataSource) {}

  latestPlan(taskId: string, manager?: EntityManager): Promise<PlanEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(PlanEntity)
      .findOne({ where: { taskId }, order: { version: 'DESC' } });
  }

  latestArtifact(taskId: string, kind: ArtifactKind, manager?: EntityManager): Promise<ArtifactEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(ArtifactEntity)
      .findOne({ where: { taskId, kind }, order: { createdAt: 'DESC' } });
  }

  /** The task's per-round diffs, oldest first, without their content. */
  attemptDiffs(taskId: string): Promise<Pick<ArtifactEntity, 'id' | 'round' | 'sha256' | 'sizeBytes' | 'createdAt'>[]> {
    return this.dataSource.getRepository(ArtifactEntity).find({
      where: { taskId, kind: 'attempt_diff' },
      select: { id: true, round: true, sha256: true, sizeBytes: true, createdAt: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** One artifact of a task by id and kind; null when the task has none such (another task's id included). */
  findArtifact(taskId: string, id: string, kind: ArtifactKind): Promise<ArtifactEntity | null> {
    return this.dataSource.getRepository(ArtifactEntity).findOne({ where: { taskId, id, kind } });
  }

  insertPlan(manager: EntityManager, fields: Partial<PlanEntity>): Promise<PlanEntity> {
    const repo = manager.getRepository(PlanEntity);
    return repo.save(repo.create(fields));
  }

  insertApproval(manager: EntityManager, fields: Partial<ApprovalEntity>): Promise<ApprovalEntity> {
    const repo = manager.getRepository(ApprovalEntity);
    return repo.save(repo.create(fields));
  }

  listApprovals(taskId: string, manager?: EntityManager): Promise<ApprovalEntity[]> {
    return (manager ?? this.dataSource.manager)
      .getRepository(ApprovalEntity)
      .find({ where: { taskId }, order: { decidedAt: 'ASC' } });
  }

  /** Every plan version of a task, oldest first. */
  listPlans(taskId: string): Promise<PlanEntity[]> {
    return this.dataSource.getRepository(PlanEntity).find({ where: { taskId }, order: { version: 'ASC' } });
  }

  /** The logins of the given users, for naming editors and deciders in the review record. */
  async loginsOf(userIds: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    // Guard against an `IN ()` query when nobody is named.
    if (ids.length === 0) return new Map();
    const users = await (manager ?? this.dataSource.manager)
      .getRepository(UserEntity)
      .find({ where: { id: In(ids) }, select: { id: true, login: true } });
    return new Map(users.map((user) => [user.id, user.login]));
  }

  insertArtifact(fields: Partial<ArtifactEntity>, manager?: EntityManager): Promise<ArtifactEntity> {
    const repo = (manager ?? this.dataSource.manager).getRepository(ArtifactEntity);
    return repo.save(repo.create(fields));
  }
}
