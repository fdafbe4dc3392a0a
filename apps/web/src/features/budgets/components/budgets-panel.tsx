import {
  BUDGET_SCOPES,
  budgetScopeLabel,
  formatTokens,
  formatUsd,
  type BudgetAmount,
  type BudgetScope,
} from '@patchbay/contracts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field, inputClass } from '../../../ui/field';
import { Loading } from '../../../ui/states';
import { useMembers } from '../../admin/hooks/use-admin';
import { useBudgetOverview, useSetBudget } from '../hooks/use-budgets';
import { budgetGauges, parseUsdInput } from '../lib/budget-display';

function describeAmount(amount: BudgetAmount): string {
  const parts = [
    amount.usd === null ? null : formatUsd(amount.usd),
    amount.tokens === null ? null : `${formatTokens(amount.tokens)} tokens`,
  ].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'no limit';
}

/**
 * The admin console's budgets: spend this UTC month and day against the limits, the limits set
 * (with the deployment's BUDGET_* defaults), and a form to set one. An empty amount means no
 * limit at this level (a default further down may still apply).
 */
export function BudgetsPanel() {
  const overview = useBudgetOverview();
  const members = useMembers();
  const setBudget = useSetBudget();
  const [scope, setScope] = useState<BudgetScope>('task');
  const [userId, setUserId] = useState('');
  const [usd, setUsd] = useState('');
  const [tokens, setTokens] = useState('');
  // A stored limit without a user is organisation-wide: for the daily scope, every user's.
  const subjectOf = (scope: BudgetScope, id: string | null) =>
    id !== null
      ? (members.data?.find((m) => m.userId === id)?.login ?? id)
      : scope === 'user_day'
        ? 'every user'
        : 'organisation';
  const usdValue = usd.trim() === '' ? null : parseUsdInput(usd);
  const tokensValue = tokens.trim() === '' ? null : /^\d+$/.test(tokens.trim()) ? Number(tokens.trim()) : Number.NaN;
  const valid = (usd.trim() === '' || usdValue !== null) && !Number.isNaN(tokensValue);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setBudget.mutate(
      { scope, ...(scope === 'user_day' && userId ? { userId } : {}), usd: usdValue, tokens: tokensValue },
      {
        onSuccess: () => {
          setUsd('');
          setTokens('');
        },
      },
    );
  };

  return (
    <Card title="Budgets" testId="budgets-panel">
      {overview.isPending ? (
        <Loading />
      ) : overview.error ? (
        <Banner tone="error">{describeError(overview.error)}</Banner>
      ) : (
        <div className="space-y-3 text-sm">
          <ul className="space-y-1" aria-label="Spend against budgets">
            {budgetGauges([overview.data.organisationMonth], { withSpend: true }).map((gauge) => (
              <li
                key={gauge.text}
                className={gauge.reached ? 'text-amber-300' : 'text-slate-200'}
                data-testid="budget-organisation-month"
              >
                This month: {gauge.text}
              </li>
            ))}
            {overview.data.usersToday.map((line) =>
              budgetGauges([line], { withSpend: true }).map((gauge) => (
                <li
                  key={`${line.userId}-${gauge.text}`}
                  className={gauge.reached ? 'text-amber-300' : 'text-slate-300'}
                >
                  Today, {line.login ?? line.userId}: {gauge.text}
                </li>
              )),
            )}
          </ul>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-400">
            {BUDGET_SCOPES.map((candidate) => (
              <div key={candidate} className="contents">
                <dt>{budgetScopeLabel(candidate)}</dt>
                <dd>
                  {overview.data.settings
                    .filter((setting) => setting.scope === candidate)
                    .map((setting) => `${subjectOf(candidate, setting.userId)}: ${describeAmount(setting)}`)
                    .join(' · ') || 'not set'}{' '}
                  (default: {describeAmount(overview.data.defaults[candidate])})
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <form
        onSubmit={submit}
        className="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-800 pt-4"
        aria-label="Set a budget"
      >
        <Field label="Budget" htmlFor="budget-scope">
          <select
            id="budget-scope"
            className={inputClass}
            value={scope}
            onChange={(e) => setScope(e.target.value as BudgetScope)}
          >
            {BUDGET_SCOPES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {budgetScopeLabel(candidate)}
              </option>
            ))}
          </select>
        </Field>
        {scope === 'user_day' && (
          <Field label="User" htmlFor="budget-user">
            <select id="budget-user" className={inputClass} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">every user</option>
              {(members.data ?? []).map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.login}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="US dollars" htmlFor="budget-usd">
          <input
            id="budget-usd"
            className={`${inputClass} w-28`}
            placeholder="no limit"
            value={usd}
            onChange={(e) => setUsd(e.target.value)}
            aria-invalid={usd.trim() !== '' && usdValue === null}
          />
        </Field>
        <Field label="Tokens" htmlFor="budget-tokens">
          <input
            id="budget-tokens"
            className={`${inputClass} w-32`}
            placeholder="no limit"
            value={tokens}
            onChange={(e) => setTokens(e.target.value)}
            aria-invalid={Number.isNaN(tokensValue)}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={setBudget.isPending || !valid}>
          Set budget
        </Button>
      </form>
      {setBudget.error && (
        <div className="mt-2">
          <Banner tone="error" onDismiss={() => setBudget.reset()}>
            {describeError(setBudget.error)}
          </Banner>
        </div>
      )}
    </Card>
  );
}
