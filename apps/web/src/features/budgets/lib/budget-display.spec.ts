import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BudgetLine } from '@patchbay/contracts';
import { budgetGauges, parseUsdInput } from './budget-display';

function line(scope: BudgetLine['scope'], limit: BudgetLine['limit'], spent: BudgetLine['spent']): BudgetLine {
  return { scope, limit, spent, source: { usd: 'task', tokens: 'none' }, window: null };
}

test('shows spend against each limit, reached at the limit', () => {
  const gauges = budgetGauges([line('task', { usd: 0.001, tokens: null }, { usd: 0.00114, tokens: 7_150 }), line('user_day', { usd: 5, tokens: 1_000_000 }, { usd: 1.25, tokens: 250_000 })]);
  assert.deepEqual(gauges.map((g) => [g.label, g.text, g.used, g.reached]), [
    ['task budget', '$0.0011 of $0.0010', 1, true],
    ["user's daily budget", '$1.25 of $5.00', 0.25, false],
    ["user's daily budget", '250,000 of 1,000,000 tokens', 0.25, false],
  ]);
});

test('leaves out scopes without a limit unless asked for their spend', () => {
  const unlimited = [line('organisation_month', { usd: null, tokens: null }, { usd: 0.0123, tokens: 4_000 })];
  assert.deepEqual(budgetGauges(unlimited), []);
  assert.equal(budgetGauges(unlimited, { withSpend: true })[0]?.text, '$0.0123 · 4,000 tokens, no limit');
});

test('reads dollar amounts as people type them, to the micro-dollar', () => {
  assert.equal(parseUsdInput('$0.01'), 0.01);
  assert.equal(parseUsdInput(' 2.5 '), 2.5);
  assert.equal(parseUsdInput('0.0000001'), null);
  assert.equal(parseUsdInput('-1'), null);
  assert.equal(parseUsdInput('ten'), null);
});
