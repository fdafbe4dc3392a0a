import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  budgetDefaultsOf,
  budgetWindow,
  firstBudgetReached,
  formatTokens,
  formatUsd,
  resolveBudgetLimit,
  roleAtLeast,
  type BudgetDefaults,
  type BudgetOverview,
  type BudgetSettingView,
  type SetBudgetRequest,
  type TaskBudgetRequest,
  type TaskBudgetView,
} from '@patchbay/contracts';
import { BudgetRepository, OrganisationRepository, TaskRepository } from '@patchbay/persistence';
import { diffForAudit, noteAuditChanges } from '../audit/audit-changes';
import type { SessionUser } from '../common/session-user';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { TaskNotFoundException } from '../tasks/task-not-found.exception';

/**
 * Budgets as the API sees them: admins' limits, a task's own budget within the organisation's
 * policy, spend against every scope, and the rule that a task paused at a budget resumes only
 * once that budget is raised. The model calls themselves are checked by BudgetGuard
 * (pipeline-services), from the same tables and the same BUDGET_* defaults.
 */
@Injectable()
export class BudgetService {
  private readonly defaults: BudgetDefaults;

  constructor(
    private readonly budgets: BudgetRepository,
    private readonly organisations: OrganisationRepository,
    private readonly tasks: TaskRepository,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.defaults = budgetDefaultsOf(config);
  }

  async overview(organisationId: string, now = new Date()): Promise<BudgetOverview> {
    const settings = await this.budgets.listSettings(organisationId);
    const views: BudgetSettingView[] = settings.map((row) => ({
      scope: row.scope,
      userId: row.subjectKey === organisationId ? null : row.subjectKey,
      usd: row.limitUsd === null ? null : Number(row.limitUsd),
      tokens: row.limitTokens === null ? null : Number(row.limitTokens),
      updatedAt: row.updatedAt.toISOString(),
    }));
    const setting = (scope: BudgetSettingView['scope'], userId: string | null) =>
      views.find((view) => view.scope === scope && view.userId === userId) ?? null;
    const month = budgetWindow('organisation_month', now)!;
    const day = budgetWindow('user_day', now)!;
    const monthLimit = resolveBudgetLimit([
      { source: 'organisation', amount: setting('organisation_month', null) },
      { source: 'default', amount: this.defaults.organisation_month },
    ]);
    const members = await this.organisations.listMembers(organisationId);
    const spendToday = await this.budgets.spendPerUser(organisationId, day.start, day.end);
    const userIds = new Set([
      ...spendToday.map((row) => row.userId),
      ...views.filter((view) => view.userId).map((view) => view.userId as string),
    ]);
    return {
      defaults: this.defaults,
      settings: views,
      organisationMonth: {
        scope: 'organisation_month',
        ...monthLimit,
        spent: await this.budgets.storedSpend({ organisationId, from: month.start, to: month.end }),
        window: { start: month.start.toISOString(), end: month.end.toISOString() },
      },
      usersToday: [...userIds].map((userId) => {
        const spent = spendToday.find((row) => row.userId === userId);
        return {
          userId,
          login: members.find((member) => member.userId === userId)?.login ?? null,
          scope: 'user_day' as const,
          ...resolveBudgetLimit([
            { source: 'user', amount: setting('user_day', userId) },
            { source: 'organisation', amount: setting('user_day', null) },
            { source: 'default', amount: this.defaults.user_day },
          ]),
          spent: { usd: spent?.usd ?? 0, tokens: spent?.tokens ?? 0 },
          window: { start: day.start.toISOString(), end: day.end.toISOString() },
        };
      }),
    };
  }

  async set(organisationId: string, request: SetBudgetRequest): Promise<BudgetOverview> {
    if (request.userId && !(await this.organisations.findMembership(organisationId, request.userId))) {
      throw new NotFoundException(`userId: no member with id ${request.userId} in this organisation`);
    }
    const subjectKey = request.userId ?? organisationId;
    const before = (await this.budgets.findSetting(organisationId, request.scope, subjectKey)) ?? {
      usd: null,
      tokens: null,
    };
    await this.budgets.upsertSetting({
      organisationId,
      scope: request.scope,
      subjectKey,
      usd: request.usd,
      tokens: request.tokens,
    });
    noteAuditChanges(
      diffForAudit({ ...before }, { usd: request.usd, tokens: request.tokens }, `${request.scope} budget`),
    );
    return this.overview(organisationId);
  }

  async forTask(user: SessionUser, taskId: string): Promise<TaskBudgetView> {
    const subject = await this.budgets.findTaskSubject(taskId);
    if (!subject || subject.organisationId !== user.organisationId) throw new TaskNotFoundException(taskId);
    const lines = await this.budgets.linesForTask(subject, this.defaults, new Date());
    return { taskId, lines, reached: firstBudgetReached(lines) };
  }

  /** Sets (usually raises) a task's own budget, within the policy; answers the task's budget lines. */
  async setTaskBudget(user: SessionUser, taskId: string, request: TaskBudgetRequest): Promise<TaskBudgetView> {
    const task = await this.tasks.findById(user.organisationId, taskId);
    if (!task) throw new TaskNotFoundException(taskId);
    await this.assertWithinPolicy(user, request);
    const before = (await this.budgets.findTaskSubject(taskId))?.own ?? { usd: null, tokens: null };
    await this.budgets.setTaskBudget(taskId, request);
    const after = (await this.budgets.findTaskSubject(taskId))?.own ?? { usd: null, tokens: null };
    noteAuditChanges(diffForAudit({ ...before }, { ...after }, 'task budget'));
    return this.forTask(user, taskId);
  }

  /**
   * A task's own budget is bounded by the organisation's task budget (stored, else BUDGET_TASK_*):
   * a developer may set a lower one, or up to it; only an admin may set more.
   */
  async assertWithinPolicy(user: SessionUser, request: TaskBudgetRequest): Promise<void> {
    if (roleAtLeast(user.role, 'admin')) return;
    const { limit } = resolveBudgetLimit([
      {
        source: 'organisation',
        amount: await this.budgets.findSetting(user.organisationId, 'task', user.organisationId),
      },
      { source: 'default', amount: this.defaults.task },
    ]);
    if (typeof request.usd === 'number' && limit.usd !== null && request.usd > limit.usd) {
      throw new ForbiddenException(
        `budget.usd: ${formatUsd(request.usd, limit.usd)} is above the organisation's task budget of ${formatUsd(limit.usd)}; only an admin can set more`,
      );
    }
    if (typeof request.tokens === 'number' && limit.tokens !== null && request.tokens > limit.tokens) {
      throw new ForbiddenException(
        `budget.tokens: ${formatTokens(request.tokens)} tokens is above the organisation's task budget of ${formatTokens(limit.tokens)} tokens; only an admin can set more`,
      );
    }
  }

  /** 409 while any budget of the task is still reached: resuming would only pause it again. */
  async assertResumable(user: SessionUser, taskId: string): Promise<void> {
    const { reached } = await this.forTask(user, taskId);
    if (!reached) return;
    const where =
      reached.scope === 'task' ? `PUT /api/v1/tasks/${taskId}/budget` : 'PUT /api/v1/admin/budgets (an admin)';
    throw new ConflictException(
      `The task cannot resume yet: ${reached.message}. Raise the budget first (${where}), then resume.`,
    );
  }
}
