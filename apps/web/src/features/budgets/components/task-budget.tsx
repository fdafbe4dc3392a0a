import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Button } from '../../../ui/button';
import { inputClass } from '../../../ui/field';
import { useCan } from '../../auth/hooks/use-me';
import { useSetTaskBudget, useTaskBudget } from '../hooks/use-budgets';
import { budgetGauges, parseUsdInput } from '../lib/budget-display';

/**
 * Spend against the task's budgets, on the task's usage line: each limit that applies (the
 * task's own, its creator's day, the organisation's month). When one is reached the line says
 * so, and a developer can raise the task's budget here before resuming the paused task.
 */
export function TaskBudget({ taskId, running }: { taskId: string; running: boolean }) {
  const budget = useTaskBudget(taskId, running);
  const canDevelop = useCan('developer');
  const raise = useSetTaskBudget(taskId);
  const [amount, setAmount] = useState('');
  if (budget.isPending || budget.error) return null;
  const reached = budget.data.reached;
  // The budget reached is said once, in its own words, not also as a gauge.
  const gauges = budgetGauges(budget.data.lines).filter(
    (gauge) => !(reached && gauge.scope === reached.scope && gauge.unit === reached.unit),
  );
  const parsed = parseUsdInput(amount);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed !== null) raise.mutate({ usd: parsed }, { onSuccess: () => setAmount('') });
  };

  return (
    <span
      data-testid="task-budget"
      data-reached={reached ? 'true' : 'false'}
      className="inline-flex flex-wrap items-center gap-x-2 gap-y-1"
    >
      {gauges.map((gauge) => (
        <span
          key={`${gauge.scope}-${gauge.text}`}
          className={gauge.reached ? 'font-medium text-amber-300' : 'text-slate-300'}
          title={gauge.label}
        >
          · {gauge.text} <span className="text-slate-500">({gauge.label})</span>
        </span>
      ))}
      {reached && (
        <span role="status" className="font-medium text-amber-300" data-testid="task-budget-reached">
          · {reached.message}
        </span>
      )}
      {reached?.scope === 'task' && canDevelop && (
        <form onSubmit={submit} aria-label="Raise the task budget" className="inline-flex items-center gap-1">
          <label htmlFor={`raise-budget-${taskId}`} className="sr-only">
            New task budget in US dollars
          </label>
          <input
            id={`raise-budget-${taskId}`}
            className={`${inputClass} w-24 py-0.5`}
            placeholder="$ new budget"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            aria-invalid={amount !== '' && parsed === null}
          />
          <Button type="submit" size="sm" variant="primary" disabled={parsed === null || raise.isPending}>
            Raise budget
          </Button>
        </form>
      )}
      {raise.error && (
        <span className="text-xs text-rose-300" role="alert">
          {describeError(raise.error)}
        </span>
      )}
    </span>
  );
}
