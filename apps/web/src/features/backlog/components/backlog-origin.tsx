import { Link } from '../../../app/router';
import { useBacklogItemOfTask } from '../hooks/use-backlog';

/** On a task's page: the backlog task it was sent from, linking back to its project. Nothing for other tasks. */
export function BacklogOrigin({ taskId }: { taskId: string }) {
  const origin = useBacklogItemOfTask(taskId);
  if (!origin.data) return null;
  return (
    <span data-testid="task-backlog-origin">
      · from backlog{' '}
      <Link to={`/backlog/${origin.data.projectId}`} className="text-indigo-300 hover:underline">
        {origin.data.projectTitle} › {origin.data.title}
      </Link>
    </span>
  );
}
