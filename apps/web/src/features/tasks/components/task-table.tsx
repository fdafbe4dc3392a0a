import type { TaskView } from '@patchbay/contracts';
import { Link } from '../../../app/router';
import { EmptyState } from '../../../ui/states';
import { isLocalForge } from './pull-request-panel';
import { PullRequestStateChip } from './pull-request-state-chip';
import { StatusChip } from './status-chip';

function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)}h ago`;
  return new Date(iso).toLocaleDateString();
}

export interface TaskTableProps {
  tasks: readonly TaskView[];
  emptyMessage: string;
  /** Author names by user id, preferred to the task's own author (e.g. "carol (me)"). */
  authors?: ReadonlyMap<string, string>;
}

export function TaskTable({ tasks, emptyMessage, authors }: TaskTableProps) {
  if (tasks.length === 0) return <EmptyState>{emptyMessage}</EmptyState>;
  return (
    <table className="w-full table-fixed text-left text-sm" data-testid="task-table">
      <thead className="text-xs uppercase tracking-wide text-slate-400">
        <tr>
          <th className="w-32 pb-2 font-medium">Status</th>
          <th className="pb-2 font-medium">Task</th>
          <th className="w-44 pb-2 font-medium">Repository</th>
          <th className="w-28 pb-2 font-medium">Author</th>
          <th className="w-32 pb-2 font-medium">Pull request</th>
          <th className="w-20 pb-2 font-medium">Priority</th>
          <th className="w-24 pb-2 text-right font-medium">Updated</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-800">
        {tasks.map((task) => (
          <tr key={task.id} className="hover:bg-slate-800/40" data-testid="task-row" data-task-id={task.id}>
            <td className="py-2 pr-2">
              <StatusChip status={task.status} />
            </td>
            <td className="truncate py-2 pr-2">
              <Link
                to={`/tasks/${task.id}`}
                className="text-slate-100 hover:text-indigo-300 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-400"
              >
                {task.prompt}
              </Link>
            </td>
            <td className="truncate py-2 pr-2 font-mono text-xs text-slate-300">{task.repository}</td>
            <td className="truncate py-2 pr-2 text-xs text-slate-300" data-testid="task-author">
              {authors?.get(task.createdBy) ?? task.author?.displayName ?? task.author?.login ?? '—'}
            </td>
            <td className="py-2 pr-2 text-xs" data-testid="task-pull-request">
              {task.pullRequest ? (
                <span className="inline-flex items-center gap-1">
                  {isLocalForge(task.pullRequest) ? (
                    <Link to={task.pullRequest.url} className="text-indigo-300 hover:underline">
                      #{task.pullRequest.number}
                    </Link>
                  ) : (
                    <a
                      href={task.pullRequest.url}
                      target="_blank"
                      rel="noreferrer noopener"
                      className="text-indigo-300 hover:underline"
                    >
                      #{task.pullRequest.number} ↗
                    </a>
                  )}
                  <PullRequestStateChip state={task.pullRequest.state} draft={task.pullRequest.draft} />
                </span>
              ) : (
                <span className="text-slate-600">—</span>
              )}
            </td>
            <td className="py-2 pr-2 text-xs capitalize text-slate-300">{task.priority}</td>
            <td className="py-2 text-right text-xs text-slate-400" title={task.updatedAt}>
              {timeAgo(task.updatedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
