import { Link } from '../../../app/router';
import { useTaskLineage } from '../hooks/use-task-lineage';
import { describeCheckpointStage } from '../lib/fork-plan-draft';

const short = (id: string) => id.slice(0, 8);

/** "Forked from #parent at <stage>" and the task's own forks, in the task's header (ADR 0036). */
export function TaskLineageLine({ taskId }: { taskId: string }) {
  const lineage = useTaskLineage(taskId);
  const data = lineage.data;
  if (!data || (data.forkedFrom === null && data.forks.length === 0)) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-400" data-testid="task-lineage">
      {data.forkedFrom && (
        <span data-testid="forked-from">
          forked from{' '}
          <Link to={`/tasks/${data.forkedFrom.taskId}`} className="font-mono text-indigo-300 hover:underline">
            #{short(data.forkedFrom.taskId)}
          </Link>{' '}
          at {describeCheckpointStage(data.forkedFrom.node, data.forkedFrom.round)}
        </span>
      )}
      {data.forks.length > 0 && (
        <span data-testid="task-forks">
          forks:{' '}
          {data.forks.map((fork, index) => (
            <span key={fork.taskId}>
              {index > 0 && ', '}
              <Link to={`/tasks/${fork.taskId}`} className="font-mono text-indigo-300 hover:underline">
                #{short(fork.taskId)}
              </Link>{' '}
              ({fork.model ?? 'same model'}, after {describeCheckpointStage(fork.node, null)}, {fork.status})
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
