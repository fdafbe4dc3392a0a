import { z } from 'zod';

/**
 * Budgets in money (USD) and tokens at three scopes. A task's budget covers every model call of
 * the task; a user's covers the calls of their tasks in one UTC day; an organisation's covers all
 * its calls in one UTC calendar month. One spelling per scope across API, database and events.
 */
export const BUDGET_SCOPES = ['task', 'user_day', 'organisation_month'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

/** Where a limit came from: the task itself, a per-user override, the organisation, the deployment's defaults, or nowhere (no limit). */
export type BudgetLimitSource = 'task' | 'user' | 'organisation' | 'default' | 'none';

/** A limit in each unit; null means no limit in that unit. */
export interface BudgetAmount {
  usd: number | null;
  tokens: number | null;
}

export interface BudgetSpend {
  usd: number;
  tokens: number;
}

/** One scope's limit and what has been spent against it in its window. */
export interface BudgetLine {
  scope: BudgetScope;
  limit: BudgetAmount;
  source: { usd: BudgetLimitSource; tokens: BudgetLimitSource };
  spent: BudgetSpend;
  /** The UTC day or month counted; null for a task (its whole life). */
  window: { start: string; end: string } | null;
}

export interface BudgetReached {
  scope: BudgetScope;
  unit: 'usd' | 'tokens';
  spent: number;
  limit: number;
  /** "budget reached: $0.0012 of $0.0010 (task budget)". */
  message: string;
}

/** What the API answers for a task: every scope that applies to it, and the first one reached. */
export interface TaskBudgetView {
  taskId: string;
  lines: BudgetLine[];
  reached: BudgetReached | null;
}

/** The window a scope counts spend in, in UTC: the day or the calendar month holding `now`; null for a task. */
export function budgetWindow(scope: BudgetScope, now: Date): { start: Date; end: Date } | null {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  if (scope === 'user_day') {
    const day = now.getUTCDate();
    return { start: new Date(Date.UTC(year, month, day)), end: new Date(Date.UTC(year, month, day + 1)) };
  }
  if (scope === 'organisation_month')
    return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
  return null;
}

/** A partial limit from one layer of configuration: a field left null defers to the next layer. */
export interface BudgetLayer {
  source: Exclude<BudgetLimitSource, 'none'>;
  amount: BudgetAmount | null;
}

/**
 * The effective limit of a scope: for each unit, the first layer (most specific first) that sets
 * one. A per-user limit can therefore lower or raise the organisation's default user limit, but
 * "no limit" is never inherited over a limit set further down.
 */
export function resolveBudgetLimit(layers: readonly BudgetLayer[]): {
  limit: BudgetAmount;
  source: BudgetLine['source'];
} {
  const pick = (unit: keyof BudgetAmount): [number | null, BudgetLimitSource] => {
    for (const layer of layers) {
      const value = layer.amount?.[unit];
      if (value !== null && value !== undefined) return [value, layer.source];
    }
    return [null, 'none'];
  };
  const [usd, usdSource] = pick('usd');
  const [tokens, tokensSource] = pick('tokens');
  return { limit: { usd, tokens }, source: { usd: usdSource, tokens: tokensSource } };
}

const SCOPE_ORDER: Readonly<Record<BudgetScope, number>> = { task: 0, user_day: 1, organisation_month: 2 };

/**
 * The first budget reached, narrowest scope first (the task's own is the likeliest to be raised),
 * money before tokens. Reached means spent ≥ limit: the check runs before a call, and a call that
 * starts at the limit would spend past it. A zero limit therefore allows no call at all.
 */
export function firstBudgetReached(lines: readonly BudgetLine[]): BudgetReached | null {
  for (const line of [...lines].sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope])) {
    for (const unit of ['usd', 'tokens'] as const) {
      const limit = line.limit[unit];
      const spent = line.spent[unit];
      if (limit !== null && spent >= limit)
        return {
          scope: line.scope,
          unit,
          spent,
          limit,
          message: describeBudgetReached(line.scope, unit, spent, limit),
        };
    }
  }
  return null;
}

const SCOPE_LABEL: Readonly<Record<BudgetScope, string>> = {
  task: 'task budget',
  user_day: "user's daily budget",
  organisation_month: "organisation's monthly budget",
};

export function budgetScopeLabel(scope: BudgetScope): string {
  return SCOPE_LABEL[scope];
}

export function describeBudgetReached(
  scope: BudgetScope,
  unit: 'usd' | 'tokens',
  spent: number,
  limit: number,
): string {
  const amounts =
    unit === 'usd' ? formatUsdPair(spent, limit) : `${formatTokens(spent)} of ${formatTokens(limit)} tokens`;
  return `budget reached: ${amounts} (${SCOPE_LABEL[scope]})`;
}

/**
 * Both amounts with the precision the limit needs: cents for a limit of a cent or more, else
 * enough decimals to tell $0.0012 from $0.0010.
 */
export function formatUsdPair(spent: number, limit: number): string {
  const decimals = usdDecimals(limit);
  return `$${spent.toFixed(decimals)} of $${limit.toFixed(decimals)}`;
}

export function formatUsd(amount: number, precisionOf: number = amount): string {
  return `$${amount.toFixed(usdDecimals(precisionOf))}`;
}

function usdDecimals(limit: number): number {
  if (limit === 0 || limit >= 0.01) return 2;
  return limit >= 0.0001 ? 4 : 6;
}

export function formatTokens(tokens: number): string {
  return Math.round(tokens).toLocaleString('en-US');
}

/** USD with at most six decimals (the micro-dollar the usage table stores). */
const usdLimitSchema = z
  .number({ error: 'must be a number of US dollars' })
  .min(0, 'must not be negative')
  .max(1_000_000, 'must be at most 1000000')
  .refine(
    (value) => Math.abs(Math.round(value * 1_000_000) - value * 1_000_000) < 1e-6,
    'must have at most 6 decimals (micro-dollars)',
  );
const tokenLimitSchema = z
  .number({ error: 'must be a whole number of tokens' })
  .int('must be a whole number of tokens')
  .min(0, 'must not be negative')
  .max(1_000_000_000_000, 'must be at most 1000000000000');

/** A task's own budget, at creation (`budget` of POST /tasks) or raised later (PUT /tasks/:id/budget). */
export const taskBudgetRequestSchema = z
  .strictObject({
    /** null removes the task's own limit (the organisation's task default then applies). */
    usd: usdLimitSchema.nullable().optional(),
    tokens: tokenLimitSchema.nullable().optional(),
  })
  .refine((body) => body.usd !== undefined || body.tokens !== undefined, { message: 'give usd, tokens or both' });
export type TaskBudgetRequest = z.infer<typeof taskBudgetRequestSchema>;

/** An admin's limit for a scope: organisation-wide (the default for every task or user) or one user's daily limit. */
export const setBudgetRequestSchema = z
  .strictObject({
    scope: z.enum(BUDGET_SCOPES, { error: 'scope must be "task", "user_day" or "organisation_month"' }),
    /** Only for scope "user_day": the member the limit applies to; without it the limit is every user's default. */
    userId: z.uuid().optional(),
    /** null: no limit in US dollars at this level. */
    usd: usdLimitSchema.nullable(),
    tokens: tokenLimitSchema.nullable(),
  })
  .refine((body) => body.userId === undefined || body.scope === 'user_day', {
    message: 'userId is only allowed with scope "user_day"',
    path: ['userId'],
  });
export type SetBudgetRequest = z.infer<typeof setBudgetRequestSchema>;

/** One stored admin limit. */
export interface BudgetSettingView {
  scope: BudgetScope;
  userId: string | null;
  usd: number | null;
  tokens: number | null;
  updatedAt: string;
}

/** The admin console's picture: defaults, stored limits, and spend in the current windows. */
export interface BudgetOverview {
  defaults: Record<BudgetScope, BudgetAmount>;
  settings: BudgetSettingView[];
  organisationMonth: BudgetLine;
  /** Every member with spend today or a limit of their own. */
  usersToday: Array<BudgetLine & { userId: string; login: string | null }>;
}

/** Deployment-wide defaults (environment); an organisation's stored limits override them. Unset: no limit. */
export const budgetDefaultsEnvSchema = z.object({
  BUDGET_TASK_USD: z.coerce.number().min(0).optional(),
  BUDGET_TASK_TOKENS: z.coerce.number().int().min(0).optional(),
  BUDGET_USER_DAY_USD: z.coerce.number().min(0).optional(),
  BUDGET_USER_DAY_TOKENS: z.coerce.number().int().min(0).optional(),
  BUDGET_ORGANISATION_MONTH_USD: z.coerce.number().min(0).optional(),
  BUDGET_ORGANISATION_MONTH_TOKENS: z.coerce.number().int().min(0).optional(),
});
export type BudgetDefaults = Record<BudgetScope, BudgetAmount>;

export function budgetDefaultsOf(env: z.infer<typeof budgetDefaultsEnvSchema>): BudgetDefaults {
  return {
    task: { usd: env.BUDGET_TASK_USD ?? null, tokens: env.BUDGET_TASK_TOKENS ?? null },
    user_day: { usd: env.BUDGET_USER_DAY_USD ?? null, tokens: env.BUDGET_USER_DAY_TOKENS ?? null },
    organisation_month: {
      usd: env.BUDGET_ORGANISATION_MONTH_USD ?? null,
      tokens: env.BUDGET_ORGANISATION_MONTH_TOKENS ?? null,
    },
  };
}

/** Carried by an agent's failure when a model call was refused for a budget (see agentErrorSchema). */
export const budgetReachedSchema = z.object({
  scope: z.enum(BUDGET_SCOPES),
  unit: z.enum(['usd', 'tokens']),
  spent: z.number(),
  limit: z.number(),
  message: z.string(),
});

const budgetAmountSchema = z.object({ usd: z.number().nullable(), tokens: z.number().nullable() });
const budgetLimitSourceSchema = z.enum(['task', 'user', 'organisation', 'default', 'none']);

/** A budget line on the bus: the supervisor hands a coding round the lines as they stood when it started. */
export const budgetLineSchema = z.object({
  scope: z.enum(BUDGET_SCOPES),
  limit: budgetAmountSchema,
  source: z.object({ usd: budgetLimitSourceSchema, tokens: budgetLimitSourceSchema }),
  spent: z.object({ usd: z.number(), tokens: z.number() }),
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
});
