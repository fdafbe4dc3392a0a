import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  AddedConstraint,
  GithubTaskLink,
  Plan,
  PlanConformanceReport,
  RequiredCheckResult,
  TaskStatus,
} from '@patchbay/contracts';
import { DataSource, LessThan } from 'typeorm';
import {
  ApprovalEntity,
  ArtifactEntity,
  PlanEntity,
  RepositoryEntity,
  TaskEntity,
  TaskGithubLinkEntity,
  UserEntity,
  type ArtifactKind,
} from '../entities';
import { toGithubTaskLink } from './github.repository';
import { PlanConformanceRepository } from './plan-conformance.repository';
import { RequiredCheckRepository } from './required-check.repository';
import { TaskCandidateRepository } from './task-candidate.repository';
import { TaskConstraintRepository } from './task-constraint.repository';

export interface TaskForPipeline {
  task: TaskEntity;
  repository: RepositoryEntity;
  creator: UserEntity;
  /** Set when the task came from GitHub: where to publish and comment. */
  github: GithubTaskLink | null;
}

/** What the supervisor reads and writes while it drives a task through its stages; its status moves go through TaskTransitionRepository. */
@Injectable()
export class PipelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadTask(taskId: string): Promise<TaskForPipeline | null> {
    const task = await this.dataSource
      .getRepository(TaskEntity)
      .findOne({ where: { id: taskId }, relations: { repository: true, creator: true } });
    if (!task?.repository || !task.creator) return null;
    const link = await this.dataSource.getRepository(TaskGithubLinkEntity).findOneBy({ taskId });
    return { task, repository: task.repository, creator: task.creator, github: link ? toGithubTaskLink(link) : null };
  }

  /** Constraints developers added while the task ran, oldest first: the source of truth for each later coding round. */
  addedConstraints(taskId: string): Promise<AddedConstraint[]> {
    return new TaskConstraintRepository(this.dataSource).listForTask(taskId);
  }

  /** The required checks of the attempt's latest validation run with the waivers people gave (the gateway records those). */
  requiredChecks(taskId: string, attempt: number): Promise<RequiredCheckResult[]> {
    return new RequiredCheckRepository(this.dataSource).latestForAttempt(taskId, attempt);
  }

  /**
   * Stores a command's whole output as a `log` artifact, in the shape `GET /tasks/:id/outputs/:artifactId`
   * serves, and gives its id; the same output stored before gives the earlier id (a replayed step).
   */
  async saveCommandOutput(taskId: string, output: { stdout: string; stderr: string }): Promise<string> {
    const content = Buffer.from(JSON.stringify(output), 'utf8');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const repo = this.dataSource.getRepository(ArtifactEntity);
    const stored = await repo.findOneBy({ taskId, kind: 'log', sha256 });
    if (stored) return stored.id;
    const saved = await repo.save(
      repo.create({ taskId, kind: 'log', contentType: 'application/json', sizeBytes: content.length, sha256, content }),
    );
    return saved.id;
  }

  /** The task's best-of-N candidates (ADR 0034), which the supervisor alone writes. */
  candidates(): TaskCandidateRepository {
    return new TaskCandidateRepository(this.dataSource);
  }

  async currentStatus(taskId: string): Promise<TaskStatus | null> {
    const task = await this.dataSource
      .getRepository(TaskEntity)
      .findOne({ where: { id: taskId }, select: { status: true } });
    return task?.status ?? null;
  }

  /** Stores a plan version unless this exact content is already the latest one. */
  async savePlan(taskId: string, plan: Plan, contentHash: string): Promise<PlanEntity> {
    const repo = this.dataSource.getRepository(PlanEntity);
    const latest = await repo.findOne({ where: { taskId }, order: { version: 'DESC' } });
    if (latest?.contentHash === contentHash) return latest;
    const { summary, steps, targetTests } = plan;
    return repo.save(
      repo.create({
        taskId,
        version: (latest?.version ?? 0) + 1,
        summary,
        steps,
        targetTests,
        contentHash,
        editedBy: null,
      }),
    );
  }

  /**
   * The plan version the task's latest plan approval (a person's or automatic) decided on: what the
   * final diff is read against (ADR 0031). Null when no approval names a stored version.
   */
  async approvedPlan(taskId: string): Promise<PlanEntity | null> {
    const approval = await this.dataSource.getRepository(ApprovalEntity).findOne({
      where: { taskId, subject: 'plan', decision: 'approved' },
      order: { decidedAt: 'DESC' },
    });
    if (!approval) return null;
    const plans = this.dataSource.getRepository(PlanEntity);
    return approval.planVersion === null
      ? plans.findOne({ where: { taskId, contentHash: approval.contentHash }, order: { version: 'DESC' } })
      : plans.findOneBy({ taskId, version: approval.planVersion });
  }

  /** Stores the report on a prepared diff; the supervisor is its only writer. */
  savePlanConformance(taskId: string, report: PlanConformanceReport): Promise<void> {
    return new PlanConformanceRepository(this.dataSource).save(taskId, report);
  }

  async recordAutoApproval(taskId: string, subject: 'plan' | 'diff', contentHash: string): Promise<void> {
    const repo = this.dataSource.getRepository(ApprovalEntity);
    if (await repo.findOneBy({ taskId, subject, contentHash, decision: 'approved' })) return;
    // The review record names the plan version an automatic approval covered, as it does for a human's.
    const plan =
      subject === 'plan'
        ? await this.dataSource
            .getRepository(PlanEntity)
            .findOne({ where: { taskId, contentHash }, order: { version: 'DESC' } })
        : null;
    await repo.save(
      repo.create({
        taskId,
        subject,
        decision: 'approved',
        contentHash,
        feedback: 'approved automatically by the task or repository setting',
        decidedBy: null,
        planVersion: plan?.version ?? null,
      }),
    );
  }

  async saveArtifact(
    taskId: string,
    kind: ArtifactKind,
    contentType: string,
    content: Buffer,
    sha256: string,
  ): Promise<void> {
    const repo = this.dataSource.getRepository(ArtifactEntity);
    if (await repo.findOneBy({ taskId, kind, sha256 })) return;
    await repo.save(repo.create({ taskId, kind, contentType, sizeBytes: content.length, sha256, content }));
  }

  /** The change after a coding round; a replayed validation (same round, same change) stores nothing more. */
  async saveAttemptDiff(taskId: string, round: number, content: Buffer, sha256: string): Promise<void> {
    const repo = this.dataSource.getRepository(ArtifactEntity);
    if (await repo.findOneBy({ taskId, kind: 'attempt_diff', round, sha256 })) return;
    await repo.save(
      repo.create({
        taskId,
        kind: 'attempt_diff',
        contentType: 'text/x-diff',
        sizeBytes: content.length,
        sha256,
        content,
        round,
      }),
    );
  }

  /**
   * Tasks a supervisor must pick up again: running, not waiting for a human — and, with
   * `queuedBefore`, tasks still `queued` since before then, whose start command never arrived
   * (the gateway died between storing the task and publishing it, or the broker was away).
   */
  async inFlightTaskIds(options: { queuedBefore?: Date } = {}): Promise<string[]> {
    const rows = await this.dataSource.getRepository(TaskEntity).find({
      where: [
        { status: 'analysing' },
        { status: 'planning' },
        { status: 'executing' },
        { status: 'validating' },
        { status: 'publishing' },
        ...(options.queuedBefore ? [{ status: 'queued' as const, updatedAt: LessThan(options.queuedBefore) }] : []),
      ],
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }
}
