import type { Plan, TaskCheckpointView } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { useCreateFork } from '../hooks/use-create-fork';
import { useTaskCheckpoints } from '../hooks/use-task-checkpoints';
import { useTaskLineage } from '../hooks/use-task-lineage';
import { describeCheckpointStage, readForkPlanDraft } from '../lib/fork-plan-draft';

function ForkForm({
  taskId,
  checkpoint,
  currentModel,
  plan,
  onClose,
}: {
  taskId: string;
  checkpoint: TaskCheckpointView;
  currentModel: string | null;
  plan: Plan | null;
  onClose: () => void;
}) {
  const lineage = useTaskLineage(taskId);
  const fork = useCreateFork(taskId);
  const [model, setModel] = useState('');
  const [editPlan, setEditPlan] = useState(false);
  const [planText, setPlanText] = useState(() => (plan ? JSON.stringify(plan, null, 2) : ''));
  const draft = editPlan ? readForkPlanDraft(planText) : ({ ok: true, plan: undefined } as const);
  const choices = lineage.data?.modelChoices ?? [];

  return (
    <form
      className="ml-6 mt-1 space-y-2 rounded border border-slate-700 bg-slate-900 p-2 text-xs"
      data-testid="fork-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!draft.ok) return;
        fork.mutate({
          checkpointId: checkpoint.checkpointId,
          ...(model ? { model } : {}),
          ...(draft.plan ? { plan: draft.plan } : {}),
        });
      }}
    >
      <label className="flex items-center gap-2">
        <span className="text-slate-400">Model</span>
        <select
          aria-label="Model for the fork"
          value={model}
          onChange={(event) => setModel(event.target.value)}
          className="rounded bg-slate-800 px-1 py-0.5 text-slate-100"
        >
          <option value="">Same as this task{currentModel ? ` (${currentModel})` : ''}</option>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </label>
      {checkpoint.hasPlan && (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={editPlan} onChange={(event) => setEditPlan(event.target.checked)} />
          <span className="text-slate-300">Edit the plan (JSON; approved again like any plan)</span>
        </label>
      )}
      {editPlan && (
        <textarea
          aria-label="Plan for the fork"
          value={planText}
          onChange={(event) => setPlanText(event.target.value)}
          rows={10}
          className="w-full rounded bg-slate-950 p-1 font-mono text-slate-100"
        />
      )}
      {!draft.ok && <p className="text-rose-300">{draft.problem}</p>}
      {fork.error && <Banner tone="error">{describeError(fork.error)}</Banner>}
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="primary" disabled={fork.isPending || !draft.ok}>
          {fork.isPending ? 'Forking…' : 'Start the fork'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The task's graph checkpoints, each with "Fork from here" when a fork can restore its workspace (ADR 0036). */
export function CheckpointsList({
  taskId,
  running,
  canFork,
  currentModel,
  plan,
}: {
  taskId: string;
  running: boolean;
  canFork: boolean;
  currentModel: string | null;
  plan: Plan | null;
}) {
  const checkpoints = useTaskCheckpoints(taskId, running);
  const [forking, setForking] = useState<string | null>(null);
  if (!checkpoints.data || checkpoints.data.length === 0) return null;
  return (
    <details className="rounded border border-slate-800 p-2" open data-testid="checkpoints-list">
      <summary className="cursor-pointer text-sm text-slate-200">Checkpoints ({checkpoints.data.length})</summary>
      <ol className="mt-2 space-y-1 text-xs">
        {checkpoints.data.map((checkpoint) => (
          <li key={checkpoint.checkpointId} data-testid="checkpoint" data-node={checkpoint.node ?? ''}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-slate-500">{new Date(checkpoint.at).toLocaleTimeString()}</span>
              <span className="text-slate-200">after {describeCheckpointStage(checkpoint.node, checkpoint.round)}</span>
              {checkpoint.next && <span className="text-slate-500">→ {checkpoint.next}</span>}
              <span className="text-slate-600">attempt {checkpoint.attempt}</span>
              {canFork && !running && checkpoint.forkable && (
                <Button
                  size="sm"
                  onClick={() => setForking(forking === checkpoint.checkpointId ? null : checkpoint.checkpointId)}
                >
                  Fork from here
                </Button>
              )}
              {!checkpoint.forkable && checkpoint.notForkableBecause && (
                <span className="text-slate-600" title={checkpoint.notForkableBecause}>
                  not forkable
                </span>
              )}
            </div>
            {forking === checkpoint.checkpointId && (
              <ForkForm
                taskId={taskId}
                checkpoint={checkpoint}
                currentModel={currentModel}
                plan={plan}
                onClose={() => setForking(null)}
              />
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
