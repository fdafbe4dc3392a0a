import { TaskBudget } from '../../budgets/components/task-budget';
import { useTaskUsage } from '../hooks/use-task-usage';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

function formatCost(usd: number): string {
  // Cents hide what a run of small model calls costs; below a dollar four decimals show it.
  if (usd === 0) return '$0.00';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** The task's model usage: tokens in and out, cost and the number of model calls. */
export function TaskUsage({ taskId, running }: { taskId: string; running: boolean }) {
  const usage = useTaskUsage(taskId, running);
  if (usage.isPending) return <span className="text-slate-500">· usage…</span>;
  if (usage.error)
    return (
      <span className="text-slate-500" title={usage.error.message}>
        · usage unavailable
      </span>
    );
  const { promptTokens, completionTokens, costUsd, modelCalls } = usage.data;
  if (modelCalls === 0)
    return (
      <>
        <span data-testid="task-usage" className="text-slate-400">
          · no model calls yet
        </span>
        <TaskBudget taskId={taskId} running={running} />
      </>
    );
  return (
    <>
      <span
        data-testid="task-usage"
        className="text-slate-300"
        title={`${integer.format(promptTokens)} prompt tokens, ${integer.format(completionTokens)} completion tokens`}
      >
        · {integer.format(promptTokens + completionTokens)} tokens ({integer.format(promptTokens)} in /{' '}
        {integer.format(completionTokens)} out) · {formatCost(costUsd)} · {modelCalls} model{' '}
        {modelCalls === 1 ? 'call' : 'calls'}
      </span>
      {/* Spend against the budgets that apply, and the raise control when one is reached. */}
      <TaskBudget taskId={taskId} running={running} />
    </>
  );
}
