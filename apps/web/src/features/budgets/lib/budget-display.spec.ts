import type { BudgetLine } from '@patchbay/contracts';
import { budgetGauges, parseUsdInput } from './budget-display';

function line(scope: BudgetLine['scope'], limit: BudgetLine['limit'], spent: BudgetLine['spent']): BudgetLine {
  return { scope, limit, spent, source: { usd: 'task', tokens: 'none' }, window: null };
}

test('shows spend against each limit, reached at the limit', () => {
  const gauges = budgetGauges([
    line('task', { usd: 0.001, tokens: null }, { usd: 0.00114, tokens: 7_150 }),
    line('user_day', { usd: 5, tokens: 1_000_000 }, { usd: 1.25, tokens: 250_000 }),
  ]);
  expect(gauges.map((g) => [g.label, g.text, g.used, g.reached])).toStrictEqual([
    ['task budget', '$0.0011 of $0.0010', 1, true],
    ["user's daily budget", '$1.25 of $5.00', 0.25, false],
    ["user's daily budget", '250,000 of 1,000,000 tokens', 0.25, false],
  ]);
});

test('leaves out scopes without a limit unless asked for their spend', () => {
  const unlimited = [line('organisation_month', { usd: null, tokens: null }, { usd: 0.0123, tokens: 4_000 })];
  expect(budgetGauges(unlimited)).toStrictEqual([]);
  expect(budgetGauges(unlimited, { withSpend: true })[0]?.text).toBe('$0.0123 · 4,000 tokens, no limit');
});

test('reads dollar amounts as people type them, to the micro-dollar', () => {
  expect(parseUsdInput('$0.01')).toBe(0.01);
  expect(parseUsdInput(' 2.5 ')).toBe(2.5);
  expect(parseUsdInput('0.0000001')).toBeNull();
  expect(parseUsdInput('-1')).toBeNull();
  expect(parseUsdInput('ten')).toBeNull();
});
