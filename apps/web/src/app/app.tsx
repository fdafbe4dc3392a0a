import { useEffect } from 'react';
import { AdminPage } from '../features/admin/components/admin-page';
import { ProjectPage } from '../features/backlog/components/project-page';
import { ProjectsPage } from '../features/backlog/components/projects-page';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { useSession } from '../features/auth/hooks/session-context';
import { DashboardPage } from '../features/dashboard/components/dashboard-page';
import { SettingsPage } from '../features/settings/components/settings-page';
import { NewTaskForm } from '../features/tasks/components/new-task-form';
import { AwaitingReviewPage } from '../features/tasks/components/awaiting-review-page';
import { TaskHistoryPage } from '../features/tasks/components/task-history-page';
import { TaskPage } from '../features/tasks/components/task-page';
import { EmptyState } from '../ui/states';
import { AppShell } from './app-shell';
import { Link, matchRoute, navigate, usePathname } from './router';

function Page({ pathname }: { pathname: string }) {
  if (pathname === '/') return <DashboardPage />;
  if (pathname === '/tasks') return <TaskHistoryPage />;
  if (pathname === '/tasks/new') return <NewTaskForm />;
  if (pathname === '/reviews') return <AwaitingReviewPage />;
  const task = matchRoute('/tasks/:taskId', pathname);
  if (task?.['taskId']) return <TaskPage key={task['taskId']} taskId={task['taskId']} />;
  if (pathname === '/backlog') return <ProjectsPage />;
  const project = matchRoute('/backlog/:projectId', pathname);
  if (project?.['projectId']) return <ProjectPage key={project['projectId']} projectId={project['projectId']} />;
  if (pathname === '/admin') return <AdminPage />;
  if (pathname === '/settings') return <SettingsPage />;
  return (
    <EmptyState>
      Nothing here.{' '}
      <Link to="/" className="text-indigo-300 underline">
        Back to the dashboard
      </Link>
    </EmptyState>
  );
}

export function App() {
  const { session } = useSession();
  const pathname = usePathname();

  useEffect(() => {
    if (!session && pathname !== '/sign-in') navigate('/sign-in', { replace: true });
    if (session && pathname === '/sign-in') navigate('/', { replace: true });
  }, [session, pathname]);

  if (!session) return <SignInPage />;
  return (
    <AppShell>
      <Page pathname={pathname} />
    </AppShell>
  );
}
