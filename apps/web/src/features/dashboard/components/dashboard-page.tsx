import { ACTIVE_TASK_STATUSES } from '@patchbay/contracts';
import { describeError } from '../../../api/api-error';
import { Link } from '../../../app/router';
import { Banner } from '../../../ui/banner';
import { Card } from '../../../ui/card';
import { EmptyState, Loading } from '../../../ui/states';
import { QuotaBar } from '../../admin/components/quota-usage';
import { useQuotas } from '../../admin/hooks/use-admin';
import { useCan } from '../../auth/hooks/use-me';
import { OrganisationReportCard } from '../../feedback/components/organisation-report-card';
import { useRepositories } from '../../repositories/hooks/use-repositories';
import { TaskTable } from '../../tasks/components/task-table';
import { useTasks } from '../../tasks/hooks/use-tasks';

export function DashboardPage() {
  const tasks = useTasks({ limit: 15 });
  const isAdmin = useCan('admin');
  const canCreate = useCan('developer');
  const quotas = useQuotas({ enabled: isAdmin });
  const repositories = useRepositories();
  const items = tasks.data?.items ?? [];
  const active = items.filter((task) => (ACTIVE_TASK_STATUSES as readonly string[]).includes(task.status));
  const organisationQuotas = (quotas.data ?? []).filter((quota) => quota.scope === 'organisation');

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <Card
          title="Recent tasks"
          testId="recent-tasks"
          actions={
            <>
              <Link to="/tasks" className="text-xs text-slate-400 hover:text-slate-200 hover:underline">
                History
              </Link>
              {canCreate && (
                <Link
                  to="/tasks/new"
                  className="rounded-md bg-indigo-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400"
                  data-testid="new-task-link"
                >
                  + New task
                </Link>
              )}
            </>
          }
        >
          {tasks.isPending ? (
            <Loading />
          ) : tasks.error ? (
            <Banner tone="error">{describeError(tasks.error)}</Banner>
          ) : (
            <TaskTable
              tasks={items}
              emptyMessage={canCreate ? 'No tasks yet. Start one with “New task”.' : 'No tasks yet.'}
            />
          )}
        </Card>
      </div>
      <div className="space-y-4">
        <Card title="Active workflows">
          {active.length === 0 ? (
            <p className="text-sm text-slate-400">Nothing running right now.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="active-workflows">
              {active.map((task) => (
                <li key={task.id} className="flex items-center justify-between gap-2">
                  <Link to={`/tasks/${task.id}`} className="truncate hover:underline">
                    {task.prompt}
                  </Link>
                  <span className="shrink-0 text-xs text-slate-400">{task.status.replace(/_/g, ' ')}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <OrganisationReportCard />
        <Card title="Quota usage" testId="quota-usage">
          {!isAdmin ? (
            <p className="text-sm text-slate-400">Quota usage is visible to admins.</p>
          ) : quotas.isPending ? (
            <Loading />
          ) : quotas.error ? (
            <Banner tone="error">{describeError(quotas.error)}</Banner>
          ) : (
            <div className="space-y-3">
              {organisationQuotas.map((quota) => (
                <QuotaBar key={quota.kind} quota={quota} />
              ))}
            </div>
          )}
        </Card>
        <Card title="Repositories">
          {repositories.isPending ? (
            <Loading />
          ) : (repositories.data ?? []).length === 0 ? (
            <EmptyState>No repositories registered.</EmptyState>
          ) : (
            <ul className="space-y-1 text-sm">
              {(repositories.data ?? []).map((repository) => (
                <li key={repository.id} className="flex items-center justify-between">
                  <span className="font-mono text-xs">{repository.fullName}</span>
                  <span className={`text-xs ${repository.allowed ? 'text-emerald-300' : 'text-slate-500'}`}>
                    {repository.allowed ? 'allowed' : 'not allowed'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
