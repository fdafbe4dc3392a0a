import { TASK_STATUSES, type TaskStatus } from '@patchbay/contracts';
import { useMemo } from 'react';
import { describeError } from '../../../api/api-error';
import { navigate, usePathname, useSearch } from '../../../app/router';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { inputClass } from '../../../ui/field';
import { Loading } from '../../../ui/states';
import { useMembers } from '../../admin/hooks/use-admin';
import { useSession } from '../../auth/hooks/session-context';
import { useCan } from '../../auth/hooks/use-me';
import { useRepositories } from '../../repositories/hooks/use-repositories';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useTaskHistory } from '../hooks/use-tasks';
import {
  dateRangeError,
  filtersFromSearch,
  hasFilters,
  type HistoryFilters,
  historyQuery,
  NO_FILTERS,
  searchOfFilters,
} from '../lib/history-filters';
import { STATUS_LABELS } from '../types/task-stages';
import { TaskTable } from './task-table';

const SEARCH_DEBOUNCE_MS = 300;
const labelClass = 'flex flex-col gap-1 text-xs font-medium text-slate-400';

export function TaskHistoryPage() {
  // The address holds the filters (one owner): a reload, Back or a shared link shows the same list.
  const pathname = usePathname();
  const addressQuery = useSearch();
  const filters = useMemo(() => filtersFromSearch(addressQuery), [addressQuery]);
  const setFilters = (next: HistoryFilters) =>
    navigate(`${pathname}${searchOfFilters(next)}`, { replace: true, keepScroll: true });
  const search = useDebouncedValue(filters.search, SEARCH_DEBOUNCE_MS);
  const { session } = useSession();
  const isAdmin = useCan('admin');
  const repositories = useRepositories();
  // Only admins may list members; everyone else filters by "me" or anyone.
  const members = useMembers({ enabled: isAdmin });
  const rangeError = dateRangeError(filters);
  const query = useMemo(
    () => historyQuery({ ...filters, search, ...(rangeError ? { from: '', to: '' } : {}) }),
    [filters, search, rangeError],
  );
  const history = useTaskHistory({ limit: 25, ...query });
  const tasks = (history.data?.pages ?? []).flatMap((page) => page.items);
  const myId = session?.user.id ?? '';

  const authors = useMemo(() => {
    const names = new Map<string, string>((members.data ?? []).map((member) => [member.userId, member.login]));
    if (myId) names.set(myId, `${session?.user.login ?? 'me'} (me)`);
    return names;
  }, [members.data, myId, session?.user.login]);

  const change = <K extends keyof HistoryFilters>(key: K, value: HistoryFilters[K]) =>
    setFilters({ ...filters, [key]: value });

  return (
    <Card title="Task history" testId="task-history">
      <form
        className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7"
        role="search"
        aria-label="Filter tasks"
        onSubmit={(event) => event.preventDefault()}
      >
        <label className={`${labelClass} col-span-2`}>
          Search
          <input
            type="search"
            aria-label="Search prompts"
            className={inputClass}
            placeholder="Text in the prompt…"
            value={filters.search}
            onChange={(e) => change('search', e.target.value)}
          />
        </label>
        <label className={labelClass}>
          Status
          <select
            aria-label="Filter by status"
            className={inputClass}
            value={filters.status}
            onChange={(e) => change('status', e.target.value as TaskStatus | '')}
          >
            <option value="">All statuses</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Repository
          <select
            aria-label="Filter by repository"
            className={inputClass}
            value={filters.repository}
            onChange={(e) => change('repository', e.target.value)}
          >
            <option value="">All repositories</option>
            {(repositories.data ?? []).map((r) => (
              <option key={r.id} value={r.fullName}>
                {r.fullName}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Author
          <select
            aria-label="Filter by author"
            className={inputClass}
            value={filters.author}
            onChange={(e) => change('author', e.target.value)}
          >
            <option value="">Anyone</option>
            {myId && <option value={myId}>Me</option>}
            {(members.data ?? [])
              .filter((member) => member.userId !== myId)
              .map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.login}
                </option>
              ))}
          </select>
        </label>
        <label className={labelClass}>
          Created from
          <input
            type="date"
            aria-label="Created from"
            className={inputClass}
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => change('from', e.target.value)}
            aria-invalid={rangeError ? true : undefined}
          />
        </label>
        <label className={labelClass}>
          Created to
          <input
            type="date"
            aria-label="Created to"
            className={inputClass}
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => change('to', e.target.value)}
            aria-invalid={rangeError ? true : undefined}
          />
        </label>
        <div className="col-span-2 flex items-center gap-3 md:col-span-4 xl:col-span-7">
          {rangeError && (
            <p className="text-xs text-rose-300" role="alert">
              {rangeError} The dates are ignored until it is fixed.
            </p>
          )}
          {hasFilters(filters) && (
            <Button size="sm" variant="ghost" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </Button>
          )}
          {history.isFetching && !history.isPending && (
            <span className="text-xs text-slate-500" role="status">
              Updating…
            </span>
          )}
        </div>
      </form>
      {history.isPending ? (
        <Loading />
      ) : history.error ? (
        <Banner tone="error">{describeError(history.error)}</Banner>
      ) : (
        <>
          <TaskTable
            tasks={tasks}
            authors={authors}
            emptyMessage={hasFilters(filters) ? 'No task matches these filters.' : 'No tasks yet.'}
          />
          {history.hasNextPage && (
            <div className="mt-3 flex justify-center">
              <Button onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
                {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
