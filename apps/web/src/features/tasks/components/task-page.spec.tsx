import type { TaskEvent } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { renderWithApp, TASK_ID, taskEvent, taskView } from '../../../testing/render-with-app';
import { TaskPage } from './task-page';
import { audioReadyPayload } from '../../../testing/event-payloads';

const PAUSED_EVENTS: TaskEvent[] = [
  taskEvent(1, { type: 'status_changed', agent: 'gateway', payload: { from: null, to: 'queued' } }),
  taskEvent(2, { type: 'status_changed', payload: { from: 'validating', to: 'paused' } }),
  taskEvent(3, {
    type: 'error',
    payload: {
      category: 'code_logic',
      severity: 'warning',
      recoverable: true,
      message: 'Tests still fail after 3 rounds',
      report: 'greets in English: expected Hello',
      actions: ['fix_it', 'change_approach', 'abort'],
    },
  }),
];

function serveTask(
  status: string,
  events: TaskEvent[],
  usage = { promptTokens: 12_000, completionTokens: 345, costUsd: 0.0123, modelCalls: 4 },
) {
  return (api: FakeFetch) => {
    api.on(`GET /tasks/${TASK_ID}`, { json: taskView({ status }) });
    api.on(`GET /tasks/${TASK_ID}/events`, { json: events });
    api.on(`GET /tasks/${TASK_ID}/usage`, { json: usage });
    api.on(`POST /tasks/${TASK_ID}/resume`, { json: taskView({ status: 'paused' }) });
    api.on(`POST /tasks/${TASK_ID}/cancel`, { json: taskView({ status: 'cancelled' }) });
    api.on(`POST /tasks/${TASK_ID}/retry`, { json: taskView({ status: 'queued', attempt: 2 }) });
  };
}

beforeEach(() => FakeWebSocket.install());

describe('TaskPage error banner and usage', () => {
  it('shows a paused task’s error with its category, report and the recovery actions', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskPage taskId={TASK_ID} />, { setup: serveTask('paused', PAUSED_EVENTS) });
    const banner = await screen.findByTestId('task-error');
    expect(within(banner).getByTestId('task-error-category').textContent).toBe('Code problem');
    within(banner).getByText('Tests still fail after 3 rounds');
    within(banner).getByText('greets in English: expected Hello');
    const actions = within(within(banner).getByRole('group', { name: 'Recovery actions' }))
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(actions).toEqual(['Fix it', 'Change approach', 'Abort']);

    await user.click(within(banner).getByRole('button', { name: 'Fix it' }));
    await user.type(
      within(banner).getByLabelText('A hint for the coding agent (optional)'),
      'The greeting needs a comma',
    );
    await user.click(within(banner).getByRole('button', { name: 'Resume with more rounds' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/resume`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/resume`)[0]?.body).toEqual({
      action: 'fix_it',
      note: 'The greeting needs a comma',
    });

    await user.click(within(banner).getByRole('button', { name: 'Change approach' }));
    await user.click(within(banner).getByRole('button', { name: 'Re-plan' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/resume`)).toHaveLength(2));
    expect(api.calls(`POST /tasks/${TASK_ID}/resume`)[1]?.body).toEqual({ action: 'change_approach' });

    await user.click(within(banner).getByRole('button', { name: 'Abort' }));
    expect(api.calls(`POST /tasks/${TASK_ID}/cancel`)).toHaveLength(0);
    await user.click(within(banner).getByRole('button', { name: 'Abort the task' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/cancel`)).toHaveLength(1));
  });

  it('offers Retry in the banner of a failed task, once on the page', async () => {
    const user = userEvent.setup();
    const events = [
      taskEvent(1, { type: 'status_changed', agent: 'gateway', payload: { from: null, to: 'queued' } }),
      taskEvent(2, {
        type: 'error',
        payload: {
          category: 'security',
          severity: 'critical',
          recoverable: false,
          message: 'secret scan: an AWS key in config.js',
          actions: [],
        },
      }),
      taskEvent(3, { type: 'status_changed', payload: { from: 'validating', to: 'failed' } }),
    ];
    const { api } = renderWithApp(<TaskPage taskId={TASK_ID} />, { setup: serveTask('failed', events) });
    const banner = await screen.findByTestId('task-error');
    expect(banner.getAttribute('data-severity')).toBe('critical');
    within(banner).getByText('Security');
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1);
    await user.click(within(banner).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/retry`)).toHaveLength(1));
  });

  it('moves between tabs with the arrow keys, Home and End; only the chosen tab is in the tab order', async () => {
    const user = userEvent.setup();
    renderWithApp(<TaskPage taskId={TASK_ID} />, { setup: serveTask('executing', PAUSED_EVENTS.slice(0, 1)) });
    const log = await screen.findByRole('tab', { name: 'Live log' });
    log.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Plan' }));
    expect(screen.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Pull request' }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Live log' }));
    await user.keyboard('{ArrowLeft}{Home}');
    expect(screen.getAllByRole('tab').map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1]);
  });

  it('asks before cancelling, and cancels only on "Yes, cancel"', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskPage taskId={TASK_ID} />, {
      setup: serveTask('executing', PAUSED_EVENTS.slice(0, 1)),
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel task' }));
    const confirm = screen.getByRole('group', { name: 'Confirm cancellation' });
    await user.click(within(confirm).getByRole('button', { name: 'Keep running' }));
    expect(api.calls(`POST /tasks/${TASK_ID}/cancel`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Cancel task' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/cancel`)).toHaveLength(1));
  });

  it('shows a viewer the error but no actions', async () => {
    renderWithApp(<TaskPage taskId={TASK_ID} />, { role: 'viewer', setup: serveTask('paused', PAUSED_EVENTS) });
    const banner = await screen.findByTestId('task-error');
    expect(within(banner).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Cancel task' })).toBeNull();
  });

  it('shows no banner once the task has moved on from the error', async () => {
    const events = [
      ...PAUSED_EVENTS,
      taskEvent(4, { type: 'status_changed', payload: { from: 'paused', to: 'executing' } }),
    ];
    renderWithApp(<TaskPage taskId={TASK_ID} />, { setup: serveTask('executing', events) });
    await waitFor(() => expect(screen.getAllByTestId('log-line')).toHaveLength(4));
    expect(screen.queryByTestId('task-error')).toBeNull();
  });

  it('shows token and cost usage', async () => {
    renderWithApp(<TaskPage taskId={TASK_ID} />, { setup: serveTask('executing', PAUSED_EVENTS.slice(0, 1)) });
    const usage = await screen.findByTestId('task-usage');
    expect(usage.textContent).toBe('· 12,345 tokens (12,000 in / 345 out) · $0.0123 · 4 model calls');
  });

  it('offers the audio summary once the task has one', async () => {
    const user = userEvent.setup();
    const createObjectURL = jest.fn(() => 'blob:summary');
    Object.defineProperty(URL, 'createObjectURL', { value: createObjectURL, configurable: true, writable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: jest.fn(), configurable: true, writable: true });
    const events = [
      ...PAUSED_EVENTS.slice(0, 1),
      taskEvent(2, { type: 'audio_ready', agent: 'supervisor', payload: audioReadyPayload({ durationSeconds: null }) }),
    ];
    const { api } = renderWithApp(<TaskPage taskId={TASK_ID} />, {
      setup: (fake) => {
        serveTask('completed', events)(fake);
        fake.on(`GET /tasks/${TASK_ID}/audio`, { text: 'RIFF' });
      },
    });
    await user.click(await screen.findByRole('button', { name: '▶ Load audio summary' }));
    const player = await screen.findByLabelText('Spoken summary');
    expect(player.getAttribute('src')).toBe('blob:summary');
    expect(api.calls(`GET /tasks/${TASK_ID}/audio`)[0]?.headers['authorization']).toBe('Bearer test-token');
  });
});
