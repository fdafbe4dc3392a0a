import { Link } from '../../../app/router';
import { useBacklogOriginOfTask } from '../hooks/use-backlog';

/** On a task's page: the backlog task it was sent from, linking back to its project. Nothing for other tasks. */
export function BacklogOrigin({ taskId }: { taskId: string }) {
  const origin = useBacklogOriginOfTask(taskId).data?.origin;
  if (!origin) return null;
  return (
    <span data-testid="task-backlog-origin">
      · from backlog{' '}
      <Link to={`/backlog/${origin.projectId}`} className="text-indigo-300 hover:underline">
        {origin.projectTitle} › {origin.title}
      </Link>
    </span>
  );
}
