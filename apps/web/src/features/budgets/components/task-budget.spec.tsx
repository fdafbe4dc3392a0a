import type { TaskBudgetView, TaskEvent } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { renderWithApp, TASK_ID, taskEvent, taskView } from '../../../testing/render-with-app';
import { TaskPage } from '../../tasks/components/task-page';

const REACHED = 'budget reached: $0.0011 of $0.0010 (task budget)';

const BUDGET_PAUSE: TaskEvent[] = [
  taskEvent(1, { type: 'status_changed', agent: 'gateway', payload: { from: null, to: 'queued' } }),
  taskEvent(2, { type: 'status_changed', payload: { from: 'executing', to: 'paused' } }),
  taskEvent(3, {
    type: 'error',
    payload: {
      category: 'user_correctable',
      severity: 'warning',
      recoverable: true,
      message: REACHED,
      budget: { scope: 'task', unit: 'usd', spent: 0.00114, limit: 0.001, message: REACHED },
      actions: ['raise_budget', 'resume', 'abort'],
    },
  }),
];

function budgetView(limitUsd: number): TaskBudgetView {
  const reached = 0.00114 >= limitUsd;
  return {
    taskId: TASK_ID,
    lines: [
      {
        scope: 'task',
        limit: { usd: limitUsd, tokens: null },
        source: { usd: 'task', tokens: 'none' },
        spent: { usd: 0.00114, tokens: 7_150 },
        window: null,
      },
      {
        scope: 'user_day',
        limit: { usd: 5, tokens: null },
        source: { usd: 'organisation', tokens: 'none' },
        spent: { usd: 1.25, tokens: 90_000 },
        window: { start: '2026-12-05T00:00:00.000Z', end: '2026-12-06T00:00:00.000Z' },
      },
      {
        scope: 'organisation_month',
        limit: { usd: null, tokens: null },
        source: { usd: 'none', tokens: 'none' },
        spent: { usd: 3, tokens: 200_000 },
        window: { start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' },
      },
    ],
    reached: reached ? { scope: 'task', unit: 'usd', spent: 0.00114, limit: limitUsd, message: REACHED } : null,
  };
}

function serve(api: FakeFetch) {
  api.on(`GET /tasks/${TASK_ID}`, { json: taskView({ status: 'paused' }) });
  api.on(`GET /tasks/${TASK_ID}/events`, { json: BUDGET_PAUSE });
  api.on(`GET /tasks/${TASK_ID}/usage`, {
    json: { promptTokens: 7_000, completionTokens: 150, costUsd: 0.00114, modelCalls: 2 },
  });
  api.on(`GET /tasks/${TASK_ID}/budget`, { json: budgetView(0.001) });
  api.on(`PUT /tasks/${TASK_ID}/budget`, { json: budgetView(0.01) });
  api.on(`POST /tasks/${TASK_ID}/resume`, { json: taskView({ status: 'paused' }) });
}

beforeEach(() => FakeWebSocket.install());

describe('spend against budget on the task view', () => {
  it('shows spend against each limit, the budget reached, and raises it before resuming', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskPage taskId={TASK_ID} />, { setup: serve });
    const budget = await screen.findByTestId('task-budget');
    expect(budget.getAttribute('data-reached')).toBe('true');
    within(budget).getByText(/\$1\.25 of \$5\.00/);
    // The month has no limit: nothing to measure against on the task's line.
    expect(budget.textContent).not.toContain('monthly');
    expect(within(budget).getByTestId('task-budget-reached').textContent).toBe(`· ${REACHED}`);

    const raise = within(budget).getByRole('form', { name: 'Raise the task budget' });
    const submit = within(raise).getByRole('button', { name: 'Raise budget' });
    await user.type(within(raise).getByLabelText('New task budget in US dollars'), 'lots');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await user.clear(within(raise).getByLabelText('New task budget in US dollars'));
    await user.type(within(raise).getByLabelText('New task budget in US dollars'), '0.01');
    await user.click(submit);
    await waitFor(() => expect(api.calls(`PUT /tasks/${TASK_ID}/budget`)).toHaveLength(1));
    expect(api.calls(`PUT /tasks/${TASK_ID}/budget`)[0]?.body).toEqual({ usd: 0.01 });
    await waitFor(() => expect(screen.getByTestId('task-budget').getAttribute('data-reached')).toBe('false'));
    screen.getByText(/\$0\.00 of \$0\.01/);

    const banner = screen.getByTestId('task-error');
    expect(
      within(within(banner).getByRole('group', { name: 'Recovery actions' }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Resume', 'Abort']);
    await user.click(within(banner).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/resume`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/resume`)[0]?.body).toEqual({ action: 'resume' });
  });

  it('shows a viewer the spend but no raise control', async () => {
    renderWithApp(<TaskPage taskId={TASK_ID} />, { role: 'viewer', setup: serve });
    const budget = await screen.findByTestId('task-budget');
    within(budget).getByTestId('task-budget-reached');
    expect(within(budget).queryByRole('form')).toBeNull();
  });
});
