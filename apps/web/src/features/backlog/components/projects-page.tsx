import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { mapErrorToFields } from '../../../api/field-errors';
import { Link, navigate } from '../../../app/router';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field, inputClass } from '../../../ui/field';
import { EmptyState, Loading } from '../../../ui/states';
import { useCan } from '../../auth/hooks/use-me';
import { useBacklogProjects, useCreateBacklogProject } from '../hooks/use-backlog';

function NewProjectForm() {
  const create = useCreateBacklogProject();
  const [title, setTitle] = useState('');
  const [goal, setGoal] = useState('');
  const mapped = create.error ? mapErrorToFields(describeError(create.error), ['title', 'goal']) : null;
  const errors = mapped?.fields ?? {};
  return (
    <form
      className="space-y-3"
      aria-label="New project"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ title, goal }, { onSuccess: (project) => navigate(`/backlog/${project.id}`) });
      }}
    >
      <Field label="Title" htmlFor="backlog-title" error={errors['title']}>
        <input
          id="backlog-title"
          className={inputClass}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </Field>
      <Field
        label="Goal"
        htmlFor="backlog-goal"
        error={errors['goal']}
        hint="What the project should achieve; the planner breaks it into at most six milestones."
      >
        <textarea
          id="backlog-goal"
          className={inputClass}
          rows={3}
          value={goal}
          onChange={(event) => setGoal(event.target.value)}
        />
      </Field>
      {mapped && mapped.general.length > 0 && <Banner tone="error">{mapped.general.join('; ')}</Banner>}
      <Button type="submit" variant="primary" disabled={create.isPending}>
        Create project
      </Button>
    </form>
  );
}

/** The backlog planner's projects: the list, and a new one from a goal. */
export function ProjectsPage() {
  const projects = useBacklogProjects();
  const canDevelop = useCan('developer');
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold text-slate-100">Projects</h1>
      <Card title="Backlog projects">
        {projects.isLoading && <Loading />}
        {projects.error && <Banner tone="error">{describeError(projects.error)}</Banner>}
        {projects.data?.length === 0 && <EmptyState>No projects yet.</EmptyState>}
        <ul className="divide-y divide-slate-800">
          {projects.data?.map((project) => (
            <li key={project.id} className="py-2" data-testid="backlog-project-row">
              <Link to={`/backlog/${project.id}`} className="font-medium text-indigo-300 hover:underline">
                {project.title}
              </Link>
              <span className="ml-2 text-xs text-slate-400">
                version {project.version} · by {project.createdBy}
              </span>
              <p className="text-xs text-slate-400">{project.goal}</p>
            </li>
          ))}
        </ul>
      </Card>
      {canDevelop && (
        <Card title="New project">
          <NewProjectForm />
        </Card>
      )}
    </div>
  );
}
