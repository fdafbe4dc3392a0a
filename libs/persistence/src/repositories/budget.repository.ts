import { Injectable } from '@nestjs/common';
import {
  budgetWindow,
  resolveBudgetLimit,
  type BudgetAmount,
  type BudgetDefaults,
  type BudgetLine,
  type BudgetScope,
  type BudgetSpend,
} from '@patchbay/contracts';
import { DataSource, In } from 'typeorm';
import { BudgetEntity, TaskEntity, UsageRecordEntity } from '../entities';

/** A model call whose usage was reported but may not be stored yet (see BudgetGuard). */
export interface InFlightCall {
  callId: string;
  organisationId: string;
  userId: string | null;
  taskId: string | null;
  usd: number;
  tokens: number;
  at: Date;
}

/** The owners a task's budgets are counted for. */
export interface TaskBudgetSubject {
  taskId: string;
  organisationId: string;
  userId: string;
  own: BudgetAmount;
}

function amountOf(row: { limitUsd: string | null; limitTokens: string | null } | undefined): BudgetAmount | null {
  if (!row) return null;
  return {
    usd: row.limitUsd === null ? null : Number(row.limitUsd),
    tokens: row.limitTokens === null ? null : Number(row.limitTokens),
  };
}

@Injectable()
export class BudgetRepository {
  constructor(private readonly dataSource: DataSource) {}

  listSettings(organisationId: string): Promise<BudgetEntity[]> {
    return this.dataSource
      .getRepository(BudgetEntity)
      .find({ where: { organisationId }, order: { scope: 'ASC', updatedAt: 'ASC' } });
  }

  async upsertSetting(fields: {
    organisationId: string;
    scope: BudgetScope;
    subjectKey: string;
    usd: number | null;
    tokens: number | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO budgets (organisation_id, scope, subject_key, limit_usd, limit_tokens) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, scope, subject_key) DO UPDATE SET limit_usd = EXCLUDED.limit_usd, limit_tokens = EXCLUDED.limit_tokens, updated_at = now()`,
      [fields.organisationId, fields.scope, fields.subjectKey, fields.usd?.toFixed(6) ?? null, fields.tokens],
    );
  }

  async findTaskSubject(taskId: string): Promise<TaskBudgetSubject | null> {
    const task = await this.dataSource
      .getRepository(TaskEntity)
      .findOne({ where: { id: taskId }, select: ['id', 'organisationId', 'createdBy', 'budgetUsd', 'budgetTokens'] });
    if (!task) return null;
    return {
      taskId: task.id,
      organisationId: task.organisationId,
      userId: task.createdBy,
      own: amountOf({ limitUsd: task.budgetUsd, limitTokens: task.budgetTokens }) ?? { usd: null, tokens: null },
    };
  }

  /** Sets the task's own budget; an undefined unit keeps its current value. */
  async setTaskBudget(taskId: string, budget: { usd?: number | null; tokens?: number | null }): Promise<void> {
    const changes: Partial<TaskEntity> = {};
    if (budget.usd !== undefined) changes.budgetUsd = budget.usd === null ? null : budget.usd.toFixed(6);
    if (budget.tokens !== undefined) changes.budgetTokens = budget.tokens === null ? null : String(budget.tokens);
    if (Object.keys(changes).length > 0)
      await this.dataSource.getRepository(TaskEntity).update({ id: taskId }, changes);
  }

  /** The organisation-wide limit of a scope, or one user's daily limit. */
  async findSetting(organisationId: string, scope: BudgetScope, subjectKey: string): Promise<BudgetAmount | null> {
    return amountOf(
      (await this.dataSource.getRepository(BudgetEntity).findOneBy({ organisationId, scope, subjectKey })) ?? undefined,
    );
  }

  /** Spend stored in usage_records for an owner filter, optionally within a window. */
  async storedSpend(filter: {
    organisationId: string;
    userId?: string;
    taskId?: string;
    from?: Date;
    to?: Date;
  }): Promise<BudgetSpend> {
    const query = this.dataSource
      .getRepository(UsageRecordEntity)
      .createQueryBuilder('u')
      .select('COALESCE(SUM(u.cost_usd), 0)', 'usd')
      .addSelect('COALESCE(SUM(u.prompt_tokens + u.completion_tokens), 0)', 'tokens')
      .where('u.organisation_id = :organisationId', { organisationId: filter.organisationId });
    if (filter.userId) query.andWhere('u.user_id = :userId', { userId: filter.userId });
    if (filter.taskId) query.andWhere('u.task_id = :taskId', { taskId: filter.taskId });
    if (filter.from) query.andWhere('u.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('u.at < :to', { to: filter.to });
    const row = await query.getRawOne<{ usd: string; tokens: string }>();
    return { usd: Number(row?.usd ?? 0), tokens: Number(row?.tokens ?? 0) };
  }

  /** Today's spend per user of the organisation (UTC day), for the admin console. */
  async spendPerUser(
    organisationId: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ userId: string; usd: number; tokens: number }>> {
    const rows: Array<{ user_id: string; usd: string; tokens: string }> = await this.dataSource.query(
      `SELECT user_id, COALESCE(SUM(cost_usd), 0) AS usd, COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS tokens
       FROM usage_records WHERE organisation_id = $1 AND user_id IS NOT NULL AND at >= $2 AND at < $3 GROUP BY user_id`,
      [organisationId, from, to],
    );
    return rows.map((row) => ({ userId: row.user_id, usd: Number(row.usd), tokens: Number(row.tokens) }));
  }

  /** Which of these usage record ids are stored. */
  async storedCallIds(callIds: readonly string[]): Promise<Set<string>> {
    if (callIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(UsageRecordEntity)
      .find({ where: { id: In([...callIds]) }, select: ['id'] });
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Every budget line that applies to a task now: its own, its creator's day, its organisation's
   * month. Calls reported but not stored yet (`pending`, see storedCallIds) are added to the
   * scopes they belong to.
   */
  async linesForTask(
    subject: TaskBudgetSubject,
    defaults: BudgetDefaults,
    now: Date,
    notStored: readonly InFlightCall[] = [],
  ): Promise<BudgetLine[]> {
    const pending = notStored.filter((call) => call.organisationId === subject.organisationId);
    const { organisationId, userId, taskId } = subject;
    const lines: BudgetLine[] = [];
    for (const scope of ['task', 'user_day', 'organisation_month'] as const) {
      const window = budgetWindow(scope, now);
      const layers =
        scope === 'task'
          ? [
              { source: 'task' as const, amount: subject.own },
              {
                source: 'organisation' as const,
                amount: await this.findSetting(organisationId, 'task', organisationId),
              },
            ]
          : scope === 'user_day'
            ? [
                { source: 'user' as const, amount: await this.findSetting(organisationId, 'user_day', userId) },
                {
                  source: 'organisation' as const,
                  amount: await this.findSetting(organisationId, 'user_day', organisationId),
                },
              ]
            : [
                {
                  source: 'organisation' as const,
                  amount: await this.findSetting(organisationId, 'organisation_month', organisationId),
                },
              ];
      const { limit, source } = resolveBudgetLimit([...layers, { source: 'default', amount: defaults[scope] }]);
      const spent = await this.storedSpend({
        organisationId,
        userId: scope === 'user_day' ? userId : undefined,
        taskId: scope === 'task' ? taskId : undefined,
        from: window?.start,
        to: window?.end,
      });
      for (const call of pending) {
        const belongs =
          scope === 'task' ? call.taskId === taskId : scope === 'user_day' ? call.userId === userId : true;
        const inWindow = !window || (call.at >= window.start && call.at < window.end);
        if (belongs && inWindow) {
          spent.usd += call.usd;
          spent.tokens += call.tokens;
        }
      }
      spent.usd = Math.round(spent.usd * 1_000_000) / 1_000_000;
      lines.push({
        scope,
        limit,
        source,
        spent,
        window: window ? { start: window.start.toISOString(), end: window.end.toISOString() } : null,
      });
    }
    return lines;
  }
}
