import type { BacklogItemView } from '@patchbay/contracts';
import { useState } from 'react';
import { Link } from '../../../app/router';
import { Button } from '../../../ui/button';
import { EmptyState } from '../../../ui/states';
import { StatusChip } from '../../tasks/components/status-chip';
import { visibleTreeRows } from '../lib/tree-rows';
import { SendToPatchbay } from './send-to-patchbay';

/** The project's tree: expandable, each task with its criteria; leaves can be sent to Patchbay, any task decomposed. */
export function BacklogTree({
  projectId,
  items,
  canDevelop,
  onDecompose,
}: {
  projectId: string;
  items: readonly BacklogItemView[];
  canDevelop: boolean;
  onDecompose: (item: BacklogItemView) => void;
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  if (items.length === 0) return <EmptyState>No tasks yet: ask the planner to plan the goal.</EmptyState>;
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <ul className="space-y-1" aria-label="Task tree" data-testid="backlog-tree">
      {visibleTreeRows(items, collapsed).map(({ item, depth, hasChildren }) => (
        <li
          key={item.id}
          data-testid="backlog-item"
          data-item-id={item.id}
          className="rounded border border-slate-800 px-2 py-1.5"
          style={{ marginLeft: `${(depth - 1) * 1.25}rem` }}
        >
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {hasChildren ? (
              <button
                type="button"
                className="w-4 text-slate-400"
                aria-expanded={!collapsed.has(item.id)}
                aria-label={`${collapsed.has(item.id) ? 'Expand' : 'Collapse'} “${item.title}”`}
                onClick={() => toggle(item.id)}
              >
                {collapsed.has(item.id) ? '▸' : '▾'}
              </button>
            ) : (
              <span className="w-4" aria-hidden />
            )}
            <span className="font-medium text-slate-100" data-testid="backlog-item-title">
              {item.title}
            </span>
            <span className="text-xs text-slate-400">{item.status.replace('_', ' ')}</span>
            {item.task && (
              <span className="flex items-center gap-1 text-xs" data-testid="backlog-item-task">
                <Link to={`/tasks/${item.task.id}`} className="text-indigo-300 hover:underline">
                  task on {item.task.repository}
                </Link>
                <StatusChip status={item.task.status} />
              </span>
            )}
            {canDevelop && (
              <span className="ml-auto flex gap-1">
                <Button size="sm" variant="ghost" onClick={() => onDecompose(item)}>
                  Decompose
                </Button>
                {!hasChildren && !item.task && <SendToPatchbay projectId={projectId} item={item} />}
              </span>
            )}
          </div>
          {item.description && <p className="ml-6 text-xs text-slate-400">{item.description}</p>}
          {item.acceptanceCriteria.length > 0 && (
            <ul className="ml-10 list-disc text-xs text-slate-400">
              {item.acceptanceCriteria.map((criterion) => (
                <li key={criterion}>{criterion}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
