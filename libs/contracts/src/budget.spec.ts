import {
  budgetWindow,
  firstBudgetReached,
  formatUsdPair,
  resolveBudgetLimit,
  setBudgetRequestSchema,
  taskBudgetRequestSchema,
  type BudgetLine,
} from './budget';

function line(scope: BudgetLine['scope'], limit: BudgetLine['limit'], spent: BudgetLine['spent']): BudgetLine {
  return { scope, limit, spent, source: { usd: 'organisation', tokens: 'organisation' }, window: null };
}

describe('budget windows (UTC)', () => {
  it('counts a user’s day from UTC midnight to the next, whatever the local time zone', () => {
    // 23:30 UTC on 5 December is already 6 December in Tokyo; the day counted is still the 5th.
    const window = budgetWindow('user_day', new Date('2026-12-05T23:30:00Z'));
    expect(window).toEqual({ start: new Date('2026-12-05T00:00:00Z'), end: new Date('2026-12-06T00:00:00Z') });
  });

  it('counts an organisation’s calendar month, across the year’s end', () => {
    expect(budgetWindow('organisation_month', new Date('2026-12-31T23:59:59Z'))).toEqual({
      start: new Date('2026-12-01T00:00:00Z'),
      end: new Date('2027-01-01T00:00:00Z'),
    });
    expect(budgetWindow('organisation_month', new Date('2027-01-01T00:00:00Z'))).toEqual({
      start: new Date('2027-01-01T00:00:00Z'),
      end: new Date('2027-02-01T00:00:00Z'),
    });
    // A leap February.
    expect(budgetWindow('organisation_month', new Date('2028-02-29T12:00:00Z'))?.end).toEqual(
      new Date('2028-03-01T00:00:00Z'),
    );
  });

  it('gives a task no window: its budget covers its whole life', () => {
    expect(budgetWindow('task', new Date())).toBeNull();
  });
});

describe('which limit applies', () => {
  it('takes each unit from the most specific layer that sets it', () => {
    const resolved = resolveBudgetLimit([
      { source: 'user', amount: { usd: 2, tokens: null } },
      { source: 'organisation', amount: { usd: 5, tokens: 100_000 } },
      { source: 'default', amount: { usd: 10, tokens: 1_000_000 } },
    ]);
    expect(resolved).toEqual({ limit: { usd: 2, tokens: 100_000 }, source: { usd: 'user', tokens: 'organisation' } });
  });

  it('has no limit when no layer sets one', () => {
    expect(
      resolveBudgetLimit([
        { source: 'task', amount: null },
        { source: 'default', amount: { usd: null, tokens: null } },
      ]),
    ).toEqual({
      limit: { usd: null, tokens: null },
      source: { usd: 'none', tokens: 'none' },
    });
  });

  it('lets a zero limit stand (it is a limit, not "unset")', () => {
    expect(
      resolveBudgetLimit([
        { source: 'task', amount: { usd: 0, tokens: null } },
        { source: 'default', amount: { usd: 3, tokens: null } },
      ]).limit.usd,
    ).toBe(0);
  });
});

describe('when a budget is reached', () => {
  it('is reached at the limit, not only past it, and says by how much in the limit’s precision', () => {
    expect(firstBudgetReached([line('task', { usd: 0.001, tokens: null }, { usd: 0.000999, tokens: 10 })])).toBeNull();
    expect(firstBudgetReached([line('task', { usd: 0.001, tokens: null }, { usd: 0.00114, tokens: 10 })])).toEqual({
      scope: 'task',
      unit: 'usd',
      spent: 0.00114,
      limit: 0.001,
      message: 'budget reached: $0.0011 of $0.0010 (task budget)',
    });
    expect(firstBudgetReached([line('task', { usd: 0.5, tokens: null }, { usd: 0.5, tokens: 0 })])?.message).toBe(
      'budget reached: $0.50 of $0.50 (task budget)',
    );
  });

  it('names the narrowest scope first, then money before tokens', () => {
    const reached = firstBudgetReached([
      line('organisation_month', { usd: 1, tokens: null }, { usd: 2, tokens: 0 }),
      line('user_day', { usd: null, tokens: 1_000 }, { usd: 0, tokens: 12_345 }),
    ]);
    expect(reached?.message).toBe("budget reached: 12,345 of 1,000 tokens (user's daily budget)");
  });

  it('ignores units without a limit', () => {
    expect(
      firstBudgetReached([line('organisation_month', { usd: null, tokens: null }, { usd: 1e6, tokens: 1e9 })]),
    ).toBeNull();
  });

  it('formats tiny limits with enough decimals to differ', () => {
    expect(formatUsdPair(0.0000123, 0.00001)).toBe('$0.000012 of $0.000010');
  });
});

describe('budget requests', () => {
  it('accepts micro-dollars and refuses finer amounts, negatives and non-integer tokens with the field named', () => {
    expect(taskBudgetRequestSchema.safeParse({ usd: 0.001 }).success).toBe(true);
    const finer = taskBudgetRequestSchema.safeParse({ usd: 0.0000001 });
    expect(finer.success ? null : finer.error.issues[0]).toMatchObject({
      path: ['usd'],
      message: 'must have at most 6 decimals (micro-dollars)',
    });
    const negative = taskBudgetRequestSchema.safeParse({ tokens: -1 });
    expect(negative.success ? null : negative.error.issues[0]?.path).toEqual(['tokens']);
    expect(taskBudgetRequestSchema.safeParse({ tokens: 1.5 }).success).toBe(false);
    expect(taskBudgetRequestSchema.safeParse({}).success).toBe(false);
  });

  it('allows a user only for the daily scope', () => {
    expect(
      setBudgetRequestSchema.safeParse({
        scope: 'user_day',
        userId: '6f1c1d0e-8a45-4c7e-9a8e-2f7d7a1b9c01',
        usd: 1,
        tokens: null,
      }).success,
    ).toBe(true);
    const wrong = setBudgetRequestSchema.safeParse({
      scope: 'task',
      userId: '6f1c1d0e-8a45-4c7e-9a8e-2f7d7a1b9c01',
      usd: 1,
      tokens: null,
    });
    expect(wrong.success ? null : wrong.error.issues[0]).toMatchObject({
      path: ['userId'],
      message: 'userId is only allowed with scope "user_day"',
    });
  });
});
