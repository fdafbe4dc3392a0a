import { type CreateTaskRequest, MAX_TASK_CANDIDATES, TASK_PRIORITIES, type TaskPriority } from '@patchbay/contracts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError, describeError } from '../../../api/api-error';
import { mapErrorToFields } from '../../../api/field-errors';
import { Link, navigate } from '../../../app/router';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field, inputClass } from '../../../ui/field';
import { EmptyState, Loading } from '../../../ui/states';
import { useCan } from '../../auth/hooks/use-me';
import { useRepositories } from '../../repositories/hooks/use-repositories';
import { useCreateTask } from '../hooks/use-task-actions';
import { parseUsdInput } from '../../budgets/lib/budget-display';

const FIELDS = [
  'repository',
  'baseBranch',
  'prompt',
  'constraints.avoidFiles',
  'constraints.maxFilesChanged',
  'constraints',
  'priority',
  'model',
  'autoApprove',
  'budget.usd',
  'budget',
  'candidates',
] as const;

export function NewTaskForm() {
  const repositories = useRepositories();
  const createTask = useCreateTask();
  const canCreate = useCan('developer');
  const allowed = useMemo(
    () => (repositories.data ?? []).filter((repository) => repository.allowed),
    [repositories.data],
  );

  const [search, setSearch] = useState('');
  const [repository, setRepository] = useState('');
  const [baseBranch, setBaseBranch] = useState('');
  const [prompt, setPrompt] = useState('');
  const [avoidFiles, setAvoidFiles] = useState('');
  const [maxFilesChanged, setMaxFilesChanged] = useState('');
  const [priority, setPriority] = useState<TaskPriority>('normal');
  const [model, setModel] = useState('');
  const [budgetUsd, setBudgetUsd] = useState('');
  const [candidates, setCandidates] = useState('1');
  const [autoPlan, setAutoPlan] = useState(false);
  const [autoDiff, setAutoDiff] = useState(false);

  const matching = allowed.filter((r) => r.fullName.toLowerCase().includes(search.trim().toLowerCase()));
  const selected = allowed.find((r) => r.fullName === repository);

  // The first allowed repository is preselected, and a repository's auto-approve settings become the defaults.
  useEffect(() => {
    if (!repository && allowed[0]) setRepository(allowed[0].fullName);
  }, [allowed, repository]);
  useEffect(() => {
    if (!selected) return;
    setAutoPlan(selected.settings.autoApprovePlan);
    setAutoDiff(selected.settings.autoApproveDiff);
  }, [selected]);

  const errors = useMemo(
    () =>
      createTask.error instanceof ApiError && createTask.error.status === 400
        ? mapErrorToFields(createTask.error.message, FIELDS)
        : null,
    [createTask.error],
  );
  const bannerError =
    createTask.error && !(errors && errors.general.length === 0)
      ? errors
        ? errors.general.join('; ')
        : describeError(createTask.error)
      : null;

  useEffect(() => {
    const first = errors && FIELDS.find((field) => errors.fields[field]);
    if (first) document.getElementById(first)?.focus();
  }, [errors]);

  // An amount that cannot be read is refused here, so a typo never silently means "no budget".
  const budget = parseUsdInput(budgetUsd);
  const budgetProblem =
    budgetUsd.trim() !== '' && budget === null
      ? 'must be an amount in US dollars, e.g. 0.50 (at most 6 decimals)'
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (budgetProblem) return;
    const files = avoidFiles
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const max = maxFilesChanged.trim() === '' ? undefined : Number(maxFilesChanged);
    const request: CreateTaskRequest = {
      repository,
      prompt,
      priority,
      autoApprove: { plan: autoPlan, diff: autoDiff },
      ...(baseBranch.trim() ? { baseBranch: baseBranch.trim() } : {}),
      ...(model.trim() ? { model: model.trim() } : {}),
      ...(budget !== null ? { budget: { usd: budget } } : {}),
      // 1 is the default and is left out, so a single-attempt task is created exactly as before.
      ...(Number(candidates) > 1 ? { candidates: Number(candidates) } : {}),
      ...(files.length > 0 || max !== undefined
        ? {
            constraints: {
              ...(files.length > 0 ? { avoidFiles: files } : {}),
              ...(max !== undefined ? { maxFilesChanged: max } : {}),
            },
          }
        : {}),
    };
    createTask.mutate(request, { onSuccess: (task) => navigate(`/tasks/${task.id}`) });
  };

  if (!canCreate)
    return <Banner tone="warning">Creating tasks needs the developer role. Ask an admin to change your role.</Banner>;
  if (repositories.isPending) return <Loading label="Loading repositories…" />;

  const fieldError = (name: (typeof FIELDS)[number]) => errors?.fields[name];
  return (
    <Card title="New task" className="mx-auto max-w-3xl">
      {allowed.length === 0 ? (
        <EmptyState>
          No repository is on the allow-list yet.{' '}
          <Link to="/admin" className="text-indigo-300 underline">
            Register one in the admin console
          </Link>
          .
        </EmptyState>
      ) : (
        <form onSubmit={submit} className="space-y-4" aria-label="New task" noValidate>
          <Field label="Repository" htmlFor="repository" error={fieldError('repository')}>
            <div className="flex gap-2">
              <input
                aria-label="Search repositories"
                className={`${inputClass} max-w-48`}
                placeholder="Search…"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
              <select
                id="repository"
                className={inputClass}
                value={repository}
                onChange={(e) => setRepository(e.target.value)}
                aria-invalid={Boolean(fieldError('repository'))}
              >
                {matching.map((r) => (
                  <option key={r.id} value={r.fullName}>
                    {r.fullName} ({r.source})
                  </option>
                ))}
                {matching.length === 0 && <option value="">No repository matches “{search}”</option>}
              </select>
            </div>
          </Field>
          <Field
            label="Prompt"
            htmlFor="prompt"
            error={fieldError('prompt')}
            hint="Describe the change in plain language, as you would to a colleague."
          >
            <textarea
              id="prompt"
              rows={5}
              className={inputClass}
              value={prompt}
              onChange={(e) => setPrompt(e.target.value)}
              aria-invalid={Boolean(fieldError('prompt'))}
              aria-describedby={fieldError('prompt') ? 'prompt-error' : undefined}
              placeholder="Add a --verbose flag to the CLI and document it in the README"
            />
          </Field>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <Field label="Base branch" htmlFor="baseBranch" error={fieldError('baseBranch')}>
              <input
                id="baseBranch"
                className={inputClass}
                value={baseBranch}
                onChange={(e) => setBaseBranch(e.target.value)}
                placeholder={selected?.defaultBranch ?? 'main'}
                aria-invalid={Boolean(fieldError('baseBranch'))}
              />
            </Field>
            <Field label="Priority" htmlFor="priority" error={fieldError('priority')}>
              <select
                id="priority"
                className={inputClass}
                value={priority}
                onChange={(e) => setPriority(e.target.value as TaskPriority)}
              >
                {TASK_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Model (optional)" htmlFor="model" error={fieldError('model')}>
              <input
                id="model"
                className={inputClass}
                value={model}
                onChange={(e) => setModel(e.target.value)}
                placeholder="organisation default"
              />
            </Field>
            <Field
              label="Budget in US dollars (optional)"
              htmlFor="budget.usd"
              error={budgetProblem ?? fieldError('budget.usd') ?? fieldError('budget')}
              hint="The task pauses when its model calls reach it."
            >
              <input
                id="budget.usd"
                className={inputClass}
                value={budgetUsd}
                onChange={(e) => setBudgetUsd(e.target.value)}
                placeholder="organisation default"
                inputMode="decimal"
                aria-invalid={Boolean(budgetProblem)}
              />
            </Field>
            <Field
              label="Candidates (best of N)"
              htmlFor="candidates"
              error={fieldError('candidates')}
              hint="Parallel coding attempts after the plan is approved; the one that passes the tests with the smallest change is kept. Each has its own sandbox and model calls."
            >
              <input
                id="candidates"
                type="number"
                min={1}
                max={MAX_TASK_CANDIDATES}
                className={inputClass}
                value={candidates}
                onChange={(e) => setCandidates(e.target.value)}
                aria-invalid={Boolean(fieldError('candidates'))}
              />
            </Field>
          </div>
          <fieldset className="space-y-3 rounded-md border border-slate-800 p-3">
            <legend className="px-1 text-sm font-medium text-slate-300">Constraints (optional)</legend>
            <Field
              label="Files to avoid"
              htmlFor="constraints.avoidFiles"
              error={fieldError('constraints.avoidFiles') ?? fieldError('constraints')}
              hint="One path or glob per line."
            >
              <textarea
                id="constraints.avoidFiles"
                rows={2}
                className={inputClass}
                value={avoidFiles}
                onChange={(e) => setAvoidFiles(e.target.value)}
                placeholder="package-lock.json"
              />
            </Field>
            <Field
              label="Max files changed"
              htmlFor="constraints.maxFilesChanged"
              error={fieldError('constraints.maxFilesChanged')}
            >
              <input
                id="constraints.maxFilesChanged"
                type="number"
                min={1}
                className={`${inputClass} max-w-32`}
                value={maxFilesChanged}
                onChange={(e) => setMaxFilesChanged(e.target.value)}
                aria-invalid={Boolean(fieldError('constraints.maxFilesChanged'))}
              />
            </Field>
          </fieldset>
          <fieldset className="flex flex-wrap gap-6 text-sm">
            <legend className="sr-only">Auto-approve</legend>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={autoPlan}
                onChange={(e) => setAutoPlan(e.target.checked)}
                className="h-4 w-4 accent-indigo-500"
              />
              Auto-approve the plan
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={autoDiff}
                onChange={(e) => setAutoDiff(e.target.checked)}
                className="h-4 w-4 accent-indigo-500"
              />
              Auto-approve the diff
            </label>
            {fieldError('autoApprove') && <p className="text-xs text-rose-300">{fieldError('autoApprove')}</p>}
          </fieldset>
          {bannerError && <Banner tone="error">{bannerError}</Banner>}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => navigate('/')}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={createTask.isPending}>
              {createTask.isPending ? 'Creating…' : 'Create task'}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
