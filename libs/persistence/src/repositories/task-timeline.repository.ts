import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApprovalEntity, UsageRecordEntity, UserEntity } from '../entities';

/** A model call as the timeline shows it. */
export interface ModelCallRow {
  id: string;
  role: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  durationMs: number;
  at: Date;
}

/** A decision with the login of who made it (null when automatic, or for a member who is gone). */
export interface ApprovalRow {
  approval: ApprovalEntity;
  login: string | null;
}

/** The timeline's sources besides the events (ADR 0036): model calls and decisions of one task. */
@Injectable()
export class TaskTimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The task's model calls, oldest first; sandbox compute rows are not model calls. */
  async modelCalls(taskId: string): Promise<ModelCallRow[]> {
    const rows = await this.dataSource.getRepository(UsageRecordEntity).find({
      where: { taskId },
      order: { at: 'ASC', id: 'ASC' },
    });
    return rows
      .filter((row) => row.role !== 'sandbox')
      .map((row) => ({
        id: row.id,
        role: row.role,
        model: row.model,
        promptTokens: row.promptTokens,
        completionTokens: row.completionTokens,
        costUsd: Number(row.costUsd),
        durationMs: row.durationMs,
        at: row.at,
      }));
  }

  /** The task's plan and diff decisions, oldest first, with who made them. */
  async approvals(taskId: string): Promise<ApprovalRow[]> {
    const rows = await this.dataSource
      .getRepository(ApprovalEntity)
      .createQueryBuilder('a')
      .leftJoinAndMapOne('a.decider', UserEntity, 'u', 'u.id = a.decided_by')
      .where('a.task_id = :taskId', { taskId })
      .orderBy('a.decided_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    return rows.map((approval) => ({ approval, login: approval.decider?.login ?? null }));
  }
}
