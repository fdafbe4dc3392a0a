import { LINT_MODES, type LintMode, type RepositorySettings } from '@patchbay/contracts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import { Banner } from '../../../ui/banner';
import { Button } from '../../../ui/button';
import { Field, inputClass } from '../../../ui/field';
import { useUpdateRepository } from '../hooks/use-repositories';
import { requiredChecksToText, textToRequiredChecks } from '../lib/required-checks-text';
import { SecretEnvEditor, type SecretEnvChanges } from './secret-env-editor';
import type { RepositoryView } from '@patchbay/contracts';

const LINT_MODE_LABELS: Record<LintMode, string> = { auto: 'Find the linter', command: 'Run a command', off: 'Off' };
const LINT_MODE_HINTS: Record<LintMode, string> = {
  auto: 'The lint script, or ESLint, ruff, flake8 or go vet when the repository configures them. A linter the sandbox does not have is reported as unavailable, never as a failure.',
  command: 'Runs the lint command as its own check after the tests.',
  off: 'No lint check. A lint step inside the test command still runs, as a check.',
};

function envToText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
}

function textToEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq === -1) env[trimmed] = '';
    else env[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1);
  }
  return env;
}

export function RepositorySettingsForm({ repository, onDone }: { repository: RepositoryView; onDone: () => void }) {
  const update = useUpdateRepository();
  const s = repository.settings;
  const [testCommand, setTestCommand] = useState(s.testCommand ?? '');
  const [lintCommand, setLintCommand] = useState(s.lintCommand ?? '');
  const [lintMode, setLintMode] = useState<LintMode>(s.lintMode ?? 'auto');
  const [setupCommand, setSetupCommand] = useState(s.setupCommand ?? '');
  const [env, setEnv] = useState(envToText(s.env));
  const [requiredChecks, setRequiredChecks] = useState(requiredChecksToText(s.requiredChecks ?? null));
  const [secretChanges, setSecretChanges] = useState<SecretEnvChanges>({});
  const [triggerLabel, setTriggerLabel] = useState(s.triggerLabel);
  const [autoApprovePlan, setAutoApprovePlan] = useState(s.autoApprovePlan);
  const [autoApproveDiff, setAutoApproveDiff] = useState(s.autoApproveDiff);
  const [requireSeparateApprover, setRequireSeparateApprover] = useState(s.requireSeparateApprover);
  const [draftPullRequests, setDraftPullRequests] = useState(s.draftPullRequests);
  const [allowPreexistingFailures, setAllowPreexistingFailures] = useState(s.allowPreexistingFailures);
  const id = repository.id.slice(0, 8);

  // The server refuses both at once: a diff that needs a second person cannot be approved by nobody.
  const chooseSeparateApprover = (required: boolean) => {
    setRequireSeparateApprover(required);
    if (required) setAutoApproveDiff(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const settings: RepositorySettings = {
      testCommand: testCommand.trim() || null,
      lintCommand: lintCommand.trim() || null,
      lintMode,
      setupCommand: setupCommand.trim() || null,
      requiredChecks: textToRequiredChecks(requiredChecks),
      env: textToEnv(env),
      triggerLabel: triggerLabel.trim(),
      autoApprovePlan,
      autoApproveDiff,
      requireSeparateApprover,
      draftPullRequests,
      allowPreexistingFailures,
      ...(Object.keys(secretChanges).length > 0 ? { secretEnv: secretChanges } : {}),
    };
    update.mutate({ id: repository.id, change: { settings } }, { onSuccess: onDone });
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-md border border-slate-800 bg-slate-950 p-3"
      aria-label={`Settings of ${repository.fullName}`}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <Field label="Test command" htmlFor={`test-${id}`}>
          <input
            id={`test-${id}`}
            className={inputClass}
            value={testCommand}
            onChange={(e) => setTestCommand(e.target.value)}
            placeholder="npm test"
          />
        </Field>
        <Field label="Setup command" htmlFor={`setup-${id}`}>
          <input
            id={`setup-${id}`}
            className={inputClass}
            value={setupCommand}
            onChange={(e) => setSetupCommand(e.target.value)}
            placeholder="npm ci"
          />
        </Field>
      </div>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <Field label="Lint" htmlFor={`lint-mode-${id}`} hint={LINT_MODE_HINTS[lintMode]}>
          <select
            id={`lint-mode-${id}`}
            className={inputClass}
            value={lintMode}
            onChange={(e) => setLintMode(LINT_MODES.find((mode) => mode === e.target.value) ?? 'auto')}
          >
            {(['auto', 'command', 'off'] as const).map((mode) => (
              <option key={mode} value={mode}>
                {LINT_MODE_LABELS[mode]}
              </option>
            ))}
          </select>
        </Field>
        <div className="md:col-span-2">
          {/* Kept while another mode is chosen, so switching back does not lose it. */}
          <Field label="Lint command" htmlFor={`lint-${id}`}>
            <input
              id={`lint-${id}`}
              className={inputClass}
              value={lintCommand}
              disabled={lintMode !== 'command'}
              required={lintMode === 'command'}
              onChange={(e) => setLintCommand(e.target.value)}
              placeholder="npm run lint"
            />
          </Field>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <div className="md:col-span-2">
          <Field
            label="Required checks (name: command per line)"
            htmlFor={`checks-${id}`}
            hint="Each must pass on a task's final diff before it can be approved, or be waived with a reason. Empty: .patchbay.yml decides."
          >
            <textarea
              id={`checks-${id}`}
              rows={2}
              className={`${inputClass} font-mono`}
              value={requiredChecks}
              onChange={(e) => setRequiredChecks(e.target.value)}
              placeholder="typecheck: npx tsc --noEmit"
            />
          </Field>
        </div>
        <div className="md:col-span-2">
          <Field
            label="Environment (NAME=value per line)"
            htmlFor={`env-${id}`}
            hint="Visible to every member of the organisation: put secrets under Secret environment below."
          >
            <textarea
              id={`env-${id}`}
              rows={3}
              className={`${inputClass} font-mono`}
              value={env}
              onChange={(e) => setEnv(e.target.value)}
            />
          </Field>
        </div>
        <Field label="Trigger label" htmlFor={`label-${id}`}>
          <input
            id={`label-${id}`}
            className={inputClass}
            value={triggerLabel}
            onChange={(e) => setTriggerLabel(e.target.value)}
          />
        </Field>
      </div>
      <SecretEnvEditor names={s.secretEnvNames} changes={secretChanges} onChange={setSecretChanges} idPrefix={id} />
      <div className="flex flex-wrap gap-5 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="h-4 w-4 accent-indigo-500"
            checked={autoApprovePlan}
            onChange={(e) => setAutoApprovePlan(e.target.checked)}
          />
          Auto-approve plans
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="h-4 w-4 accent-indigo-500"
            checked={autoApproveDiff}
            disabled={requireSeparateApprover}
            onChange={(e) => setAutoApproveDiff(e.target.checked)}
          />
          Auto-approve diffs
        </label>
        <label
          className="flex items-center gap-2"
          title="The task's author cannot approve its own diff, and diffs are never approved automatically"
        >
          <input
            type="checkbox"
            className="h-4 w-4 accent-indigo-500"
            checked={requireSeparateApprover}
            onChange={(e) => chooseSeparateApprover(e.target.checked)}
          />
          Require a second person to approve diffs
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="h-4 w-4 accent-indigo-500"
            checked={draftPullRequests}
            onChange={(e) => setDraftPullRequests(e.target.checked)}
          />
          Draft pull requests
        </label>
        <label
          className="flex items-center gap-2"
          title="Tests that already failed on the base branch may still fail when a task is done; the pull request lists them. Off: every task must fix them too."
        >
          <input
            type="checkbox"
            className="h-4 w-4 accent-indigo-500"
            checked={allowPreexistingFailures}
            onChange={(e) => setAllowPreexistingFailures(e.target.checked)}
          />
          Allow failures already on the base branch
        </label>
      </div>
      {update.error && <Banner tone="error">{describeError(update.error)}</Banner>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" size="sm" disabled={update.isPending}>
          Save settings
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Close
        </Button>
      </div>
    </form>
  );
}
