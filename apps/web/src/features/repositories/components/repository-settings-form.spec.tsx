import type { RepositoryView } from '@patchbay/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp } from '../../../testing/render-with-app';
import { RepositorySettingsForm } from './repository-settings-form';

const REPOSITORY: RepositoryView = {
  id: '00000000-0000-4000-8000-0000000000d1',
  fullName: 'acme/greeter',
  source: 'local',
  defaultBranch: 'main',
  allowed: true,
  egressAllowedHosts: [],
  settings: {
    testCommand: null,
    lintCommand: null,
    lintMode: 'auto',
    setupCommand: null,
    requiredChecks: null,
    env: { NODE_ENV: 'test' },
    secretEnvNames: ['NPM_TOKEN', 'SENTRY_DSN'],
    autoApprovePlan: false,
    autoApproveDiff: false,
    requireSeparateApprover: false,
    allowPreexistingFailures: true,
    triggerLabel: 'patchbay',
    draftPullRequests: true,
  },
  createdAt: '2026-11-21T00:00:00.000Z',
};

describe('repository settings: secret environment', () => {
  it('shows which secrets are set but never a value, and sends only the changes', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<RepositorySettingsForm repository={REPOSITORY} onDone={() => undefined} />, {
      role: 'admin',
      setup: (fake) => fake.on(`PATCH /repositories/${REPOSITORY.id}`, { json: REPOSITORY }),
    });

    expect(screen.getAllByTestId('secret-env-row').map((row) => row.textContent)).toEqual([
      expect.stringContaining('NPM_TOKEN'),
      expect.stringContaining('SENTRY_DSN'),
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove SENTRY_DSN' }));
    await user.type(screen.getByLabelText('Name'), 'NPM_TOKEN');
    await user.type(screen.getByLabelText('Value'), 'npm_secret_value');
    await user.click(screen.getByRole('button', { name: 'Replace secret' }));
    await user.type(screen.getByLabelText('Name'), 'DEPLOY_KEY');
    await user.type(screen.getByLabelText('Value'), 'k3y');
    await user.click(screen.getByRole('button', { name: 'Add secret' }));
    expect(screen.getByText('will be added')).toBeTruthy();
    expect(document.body.textContent).not.toContain('npm_secret_value');

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.calls(`PATCH /repositories/${REPOSITORY.id}`)).toHaveLength(1));
    const body = api.calls(`PATCH /repositories/${REPOSITORY.id}`)[0]?.body as {
      settings: { secretEnv: Record<string, string | null>; env: Record<string, string> };
    };
    expect(body.settings.secretEnv).toEqual({ SENTRY_DSN: null, NPM_TOKEN: 'npm_secret_value', DEPLOY_KEY: 'k3y' });
    expect(body.settings.env).toEqual({ NODE_ENV: 'test' });
  });

  it('refuses a name that is not UPPER_SNAKE_CASE before anything is sent', async () => {
    const user = userEvent.setup();
    renderWithApp(<RepositorySettingsForm repository={REPOSITORY} onDone={() => undefined} />, { role: 'admin' });
    await user.type(screen.getByLabelText('Name'), 'npm-token');
    await user.type(screen.getByLabelText('Value'), 'x');
    expect(screen.getByRole('alert').textContent).toContain('UPPER_SNAKE_CASE');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add secret' }).disabled).toBe(true);
  });
});

describe('repository settings: four-eyes approval', () => {
  it('turns diff auto-approval off and locks it when a second approver is required, and sends both', async () => {
    const user = userEvent.setup();
    const autoApproving: RepositoryView = {
      ...REPOSITORY,
      settings: { ...REPOSITORY.settings, autoApproveDiff: true },
    };
    const { api } = renderWithApp(<RepositorySettingsForm repository={autoApproving} onDone={() => undefined} />, {
      role: 'admin',
      setup: (fake) => fake.on(`PATCH /repositories/${REPOSITORY.id}`, { json: REPOSITORY }),
    });
    const autoApproveDiffs = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Auto-approve diffs' });
    expect(autoApproveDiffs.checked).toBe(true);

    await user.click(screen.getByRole('checkbox', { name: 'Require a second person to approve diffs' }));
    expect(autoApproveDiffs.checked).toBe(false);
    expect(autoApproveDiffs.disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.calls(`PATCH /repositories/${REPOSITORY.id}`)).toHaveLength(1));
    const body = api.calls(`PATCH /repositories/${REPOSITORY.id}`)[0]?.body as {
      settings: { requireSeparateApprover: boolean; autoApproveDiff: boolean };
    };
    expect(body.settings).toMatchObject({ requireSeparateApprover: true, autoApproveDiff: false });
  });
});

describe('repository settings: failures already on the base branch', () => {
  it('shows that they may stay by default, and sends the choice to require fixing them', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<RepositorySettingsForm repository={REPOSITORY} onDone={() => undefined} />, {
      role: 'admin',
      setup: (fake) => fake.on(`PATCH /repositories/${REPOSITORY.id}`, { json: REPOSITORY }),
    });
    const allow = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Allow failures already on the base branch' });
    expect(allow.checked).toBe(true);

    await user.click(allow);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.calls(`PATCH /repositories/${REPOSITORY.id}`)).toHaveLength(1));
    const body = api.calls(`PATCH /repositories/${REPOSITORY.id}`)[0]?.body as {
      settings: { allowPreexistingFailures: boolean };
    };
    expect(body.settings.allowPreexistingFailures).toBe(false);
  });
});

describe('repository settings: lint', () => {
  it('finds the linter by default, and sends a lint command with its mode, or lint off', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<RepositorySettingsForm repository={REPOSITORY} onDone={() => undefined} />, {
      role: 'admin',
      setup: (fake) => fake.on(`PATCH /repositories/${REPOSITORY.id}`, { json: REPOSITORY }),
    });
    const mode = screen.getByLabelText<HTMLSelectElement>('Lint');
    const command = screen.getByLabelText<HTMLInputElement>('Lint command');
    expect(mode.value).toBe('auto');
    expect(screen.getByText(/reported as unavailable, never as a failure/)).toBeTruthy();
    expect(command.disabled).toBe(true);

    await user.selectOptions(mode, 'Run a command');
    expect(command.disabled).toBe(false);
    await user.type(command, 'npm run lint:ci');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.calls(`PATCH /repositories/${REPOSITORY.id}`)).toHaveLength(1));
    expect(
      (api.calls(`PATCH /repositories/${REPOSITORY.id}`)[0]?.body as { settings: unknown }).settings,
    ).toMatchObject({ lintMode: 'command', lintCommand: 'npm run lint:ci' });

    await user.selectOptions(mode, 'Off');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.calls(`PATCH /repositories/${REPOSITORY.id}`)).toHaveLength(2));
    // The command is kept for later; off decides that nothing runs.
    expect(
      (api.calls(`PATCH /repositories/${REPOSITORY.id}`)[1]?.body as { settings: unknown }).settings,
    ).toMatchObject({ lintMode: 'off', lintCommand: 'npm run lint:ci' });
  });
});

describe('repository settings: required checks', () => {
  it('leaves them to .patchbay.yml when empty, and sends named checks one per line', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<RepositorySettingsForm repository={REPOSITORY} onDone={() => undefined} />, {
      role: 'admin',
      setup: (fake) => fake.on(`PATCH /repositories/${REPOSITORY.id}`, { json: REPOSITORY }),
    });
    const sent = async () => {
      await user.click(screen.getByRole('button', { name: 'Save settings' }));
      await waitFor(() => expect(api.calls(`PATCH /repositories/${REPOSITORY.id}`).length).toBeGreaterThan(0));
      const calls = api.calls(`PATCH /repositories/${REPOSITORY.id}`);
      return (calls.at(-1)?.body as { settings: { requiredChecks: unknown } }).settings.requiredChecks;
    };
    expect(await sent()).toBeNull();

    await user.type(
      screen.getByLabelText('Required checks (name: command per line)'),
      'typecheck: npx tsc --noEmit{Enter}{Enter}build:npm run build',
    );
    expect(await sent()).toEqual([
      { name: 'typecheck', command: 'npx tsc --noEmit' },
      { name: 'build', command: 'npm run build' },
    ]);
  });
});
