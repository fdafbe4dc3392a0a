import type { PullRequestView, TaskEvent } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { renderWithApp, TASK_ID, taskEvent, taskView } from '../../../testing/render-with-app';
import { PullRequestPanel } from './pull-request-panel';
import { TaskPage } from './task-page';
import { prCreatedPayload } from '../../../testing/event-payloads';

const BODY = [
  '## Summary',
  'Greets in **French**.',
  '',
  '## Tests',
  '| | passed | failed | skipped |',
  '|---|---|---|---|',
  '| before | 1 | 1 | 0 |',
  '| after | 2 | 0 | 0 |',
  '',
  '## Risks',
  '- <img src=x onerror="window.injected=1"> [click](javascript:alert(1))',
].join('\n');

function pullRequest(overrides: Partial<PullRequestView> = {}): PullRequestView {
  return {
    number: 1,
    url: `/tasks/${TASK_ID}#pull-request-1`,
    headBranch: 'patchbay/greet-french',
    baseBranch: 'main',
    headSha: 'a'.repeat(40),
    state: 'open',
    draft: false,
    body: BODY,
    createdAt: '2026-12-01T10:00:00.000Z',
    forge: 'local',
    ...overrides,
  };
}

function servePullRequest(view: PullRequestView, merge?: (api: FakeFetch) => void) {
  return (api: FakeFetch) => {
    api.on(`GET /tasks/${TASK_ID}/pull-request`, { json: view });
    merge?.(api);
  };
}

beforeEach(() => FakeWebSocket.install());

describe('PullRequestPanel', () => {
  it('renders the description as Markdown, never as HTML, with the branch and state', async () => {
    renderWithApp(<PullRequestPanel taskId={TASK_ID} canMerge />, { setup: servePullRequest(pullRequest()) });
    const body = await screen.findByTestId('pr-body');
    within(body).getByRole('heading', { name: 'Summary' });
    expect(within(body).getByText('French').tagName).toBe('STRONG');
    const table = within(body).getByRole('table');
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['passedfailedskipped', 'before110', 'after200']);
    // The raw HTML and the javascript: link are shown as text, not run.
    expect(body.querySelector('img')).toBeNull();
    expect(body.querySelector('a')).toBeNull();
    within(body).getByText(/<img src=x onerror=/);
    expect(screen.getByTestId('pr-head-branch').textContent).toBe('patchbay/greet-french');
    expect(screen.getByTestId('pr-state').textContent).toBe('open');
  });

  it('merges after a confirmation and shows how', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<PullRequestPanel taskId={TASK_ID} canMerge />, {
      setup: servePullRequest(pullRequest(), (fake) =>
        fake.on(`POST /tasks/${TASK_ID}/pull-request/merge`, {
          json: { ...pullRequest(), state: 'merged', mergedSha: 'b'.repeat(40), fastForward: true },
        }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Merge' }));
    expect(api.calls(`POST /tasks/${TASK_ID}/pull-request/merge`)).toHaveLength(0);
    within(screen.getByRole('group', { name: 'Confirm merge' })).getByText(/patchbay\/greet-french/);
    await user.click(screen.getByRole('button', { name: 'Yes, merge' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/pull-request/merge`)).toHaveLength(1));
    expect((await screen.findByTestId('merge-result')).textContent).toBe(
      `Merged into main at ${'b'.repeat(12)} (fast-forward).`,
    );
    await waitFor(() => expect(screen.getByTestId('pr-state').textContent).toBe('merged'));
    expect(screen.queryByRole('button', { name: 'Merge' })).toBeNull();
  });

  it('says what a conflict means and what to do', async () => {
    const user = userEvent.setup();
    renderWithApp(<PullRequestPanel taskId={TASK_ID} canMerge />, {
      setup: servePullRequest(pullRequest(), (fake) =>
        fake.on(`POST /tasks/${TASK_ID}/pull-request/merge`, {
          status: 409,
          json: {
            statusCode: 409,
            error: 'Conflict',
            message:
              'patchbay/greet-french does not merge cleanly into main: CONFLICT (content): Merge conflict in README.md',
          },
        }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Merge' }));
    await user.click(screen.getByRole('button', { name: 'Yes, merge' }));
    expect((await screen.findByTestId('merge-error')).textContent).toBe(
      'patchbay/greet-french does not merge cleanly into main: CONFLICT (content): Merge conflict in README.md. Resolve the conflict on the branch (or retry the task on the new base), then merge again.',
    );
    expect(screen.getByTestId('pr-state').textContent).toBe('open');
  });

  it('offers no merge to a viewer, nor on GitHub, where it links to the pull request instead', async () => {
    const { unmount } = renderWithApp(<PullRequestPanel taskId={TASK_ID} canMerge={false} />, {
      setup: servePullRequest(pullRequest()),
    });
    await screen.findByTestId('pr-body');
    expect(screen.queryByRole('button', { name: 'Merge' })).toBeNull();
    unmount();
    renderWithApp(<PullRequestPanel taskId={TASK_ID} canMerge />, {
      setup: servePullRequest(
        pullRequest({ forge: 'github', url: 'https://github.com/acme/greeter/pull/7', number: 7, draft: true }),
      ),
    });
    const link = await screen.findByTestId('pr-github-link');
    expect(link.getAttribute('href')).toBe('https://github.com/acme/greeter/pull/7');
    expect(screen.queryByRole('button', { name: 'Merge' })).toBeNull();
    expect(screen.getByTestId('pr-state').textContent).toBe('open · draft');
  });
});

describe('TaskPage pull request, author and models', () => {
  const EVENTS: TaskEvent[] = [
    taskEvent(1, {
      type: 'plan_ready',
      agent: 'supervisor',
      payload: {
        plan: { summary: 's', steps: [], targetTests: [] },
        version: 1,
        contentHash: 'c'.repeat(64),
        model: 'scripted demo model',
      },
    }),
    taskEvent(2, {
      type: 'agent_thought',
      agent: 'coding-agent',
      payload: { message: 'Coding round 1 with scripted demo model', role: 'coder', model: 'scripted demo model' },
    }),
    taskEvent(3, {
      type: 'pr_created',
      agent: 'github-agent',
      payload: prCreatedPayload({
        url: `/tasks/${TASK_ID}#pull-request-1`,
        number: 1,
        branch: 'patchbay/greet-french',
      }),
    }),
  ];

  it('opens the pull request tab from the header link, and names the author and the models that ran', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', `/tasks/${TASK_ID}`);
    renderWithApp(<TaskPage taskId={TASK_ID} />, {
      role: 'viewer',
      setup: (api) => {
        api.on(`GET /tasks/${TASK_ID}`, {
          json: taskView({
            status: 'completed',
            author: { login: 'bob', displayName: null },
            pullRequest: {
              number: 1,
              url: `/tasks/${TASK_ID}#pull-request-1`,
              state: 'open',
              draft: false,
              headBranch: 'patchbay/greet-french',
            },
          }),
        });
        api.on(`GET /tasks/${TASK_ID}/events`, { json: EVENTS });
        api.on(`GET /tasks/${TASK_ID}/usage`, {
          json: { promptTokens: 1, completionTokens: 1, costUsd: 0, modelCalls: 2 },
        });
        api.on(`GET /tasks/${TASK_ID}/pull-request`, { json: pullRequest() });
      },
    });
    expect((await screen.findByTestId('task-author')).textContent).toBe('· by bob');
    await waitFor(() =>
      expect(
        screen.getAllByTestId('task-model-label').map((label) => `${label.dataset['role']}=${label.textContent}`),
      ).toEqual(['planner=scripted demo model', 'coder=scripted demo model']),
    );
    const link = await screen.findByTestId('pr-link');
    expect(link.getAttribute('href')).toBe(`/tasks/${TASK_ID}#pull-request-1`);
    await user.click(link);
    expect(screen.getByRole('tab', { name: 'Pull request' }).getAttribute('aria-selected')).toBe('true');
    await screen.findByTestId('pr-body');
    expect(window.location.hash).toBe('#pull-request-1');
    // A viewer sees the pull request but is offered no merge.
    expect(screen.queryByRole('button', { name: 'Merge' })).toBeNull();
  });
});
