import { TASK_STATUSES, type TaskStatus } from '@patchbay/contracts';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { inputClass } from '../../../ui/field';
import { Loading } from '../../../ui/states';
import { useRepositories } from '../../repositories/hooks/use-repositories';
import { useTaskHistory } from '../hooks/use-tasks';
import { STATUS_LABELS } from '../types/task-stages';
import { TaskTable } from './task-table';

export function TaskHistoryPage() {
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const [repository, setRepository] = useState('');
  const [search, setSearch] = useState('');
  const repositories = useRepositories();
  const history = useTaskHistory({ limit: 25, ...(status ? { status } : {}), ...(repository ? { repository } : {}) });
  const tasks = (history.data?.pages ?? []).flatMap((page) => page.items);
  const needle = search.trim().toLowerCase();
  const shown = needle ? tasks.filter((task) => task.prompt.toLowerCase().includes(needle)) : tasks;

  return (
    <Card title="Task history">
      <div className="mb-4 flex flex-wrap gap-2">
        <select aria-label="Filter by status" className={`${inputClass} max-w-48`} value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')}>
          <option value="">All statuses</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </select>
        <select aria-label="Filter by repository" className={`${inputClass} max-w-64`} value={repository} onChange={(e) => setRepository(e.target.value)}>
          <option value="">All repositories</option>
          {(repositories.data ?? []).map((r) => (
            <option key={r.id} value={r.fullName}>{r.fullName}</option>
          ))}
        </select>
        <input aria-label="Search prompts" className={`${inputClass} max-w-64`} placeholder="Search loaded tasks…" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {history.isPending ? (
        <Loading />
      ) : history.error ? (
        <Banner tone="error">{describeError(history.error)}</Banner>
      ) : (
        <>
          <TaskTable tasks={shown} emptyMessage="No task matches these filters." />
          {history.hasNextPage && (
            <div className="mt-3 flex justify-center">
              <Button onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>{history.isFetchingNextPage ? 'Loading…' : 'Load more'}</Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
