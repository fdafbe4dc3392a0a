import type { TaskView } from '@patchbay/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch, RecordedRequest } from '../../../testing/fake-fetch';
import { renderWithApp, taskView, USER_ID } from '../../../testing/render-with-app';
import { TaskHistoryPage } from './task-history-page';

const BOB = '00000000-0000-4000-8000-0000000000b2';

function task(n: number, overrides: Partial<TaskView> = {}): TaskView {
  return taskView({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    prompt: `Task number ${n}`,
    ...overrides,
  });
}

function serveHistory(api: FakeFetch) {
  api.on('GET /repositories', {
    json: [
      {
        id: 'r1',
        fullName: 'acme/greeter',
        source: 'local',
        defaultBranch: 'main',
        allowed: true,
        settings: {},
        createdAt: '2025-01-01T00:00:00.000Z',
      },
    ],
  });
  api.on('GET /admin/members', {
    json: [
      { userId: USER_ID, login: 'carol', role: 'admin', joinedAt: '' },
      { userId: BOB, login: 'bob', role: 'developer', joinedAt: '' },
    ],
  });
  api.on('GET /tasks', (request: RecordedRequest) => {
    if (request.query.get('cursor') === 'page-2') return { json: { items: [task(3)], nextCursor: null } };
    if (request.query.get('search')) return { json: { items: [], nextCursor: null } };
    return { json: { items: [task(1, { createdBy: BOB }), task(2)], nextCursor: 'page-2' } };
  });
}

function lastListQuery(api: FakeFetch): Record<string, string> {
  return Object.fromEntries(api.calls('GET /tasks').at(-1)?.query ?? []);
}

describe('TaskHistoryPage', () => {
  // The filters live in the address, which jsdom keeps from one test to the next.
  beforeEach(() => window.history.replaceState(null, '', '/tasks'));

  it('takes its filters from the address and writes each change back, so a reload keeps them', async () => {
    window.history.replaceState(null, '', '/tasks?status=failed&q=greeting');
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskHistoryPage />, { role: 'admin', setup: serveHistory });
    await waitFor(() => expect(lastListQuery(api)).toEqual({ limit: '25', status: 'failed', search: 'greeting' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Filter by status').value).toBe('failed');
    expect(screen.getByLabelText<HTMLInputElement>('Search prompts').value).toBe('greeting');
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'completed');
    expect(window.location.search).toBe('?status=completed&q=greeting');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(window.location.search).toBe('');
  });

  it('lists tasks with their authors and pages on with the cursor', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskHistoryPage />, { role: 'admin', setup: serveHistory });
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getAllByTestId('task-author').map((cell) => cell.textContent)).toEqual(['bob', 'carol (me)']),
    );
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(3));
    expect(lastListQuery(api)).toEqual({ limit: '25', cursor: 'page-2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('sends status, repository, author and date filters to the API', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskHistoryPage />, { role: 'admin', setup: serveHistory });
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'failed');
    await waitFor(() => screen.getByRole('option', { name: 'acme/greeter' }));
    await user.selectOptions(screen.getByLabelText('Filter by repository'), 'acme/greeter');
    await waitFor(() => screen.getByRole('option', { name: 'bob' }));
    await user.selectOptions(screen.getByLabelText('Filter by author'), 'bob');
    await user.type(screen.getByLabelText('Created from'), '2025-03-01');
    await user.type(screen.getByLabelText('Created to'), '2025-03-31');
    await waitFor(() =>
      expect(lastListQuery(api)).toEqual({
        limit: '25',
        status: 'failed',
        repository: 'acme/greeter',
        createdBy: BOB,
        createdFrom: new Date(2025, 2, 1).toISOString(),
        createdBefore: new Date(2025, 3, 1).toISOString(),
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(lastListQuery(api)).toEqual({ limit: '25' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Filter by status').value).toBe('');
  });

  it('searches on the server once typing pauses, and says when nothing matches', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskHistoryPage />, { setup: serveHistory });
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    const before = api.calls('GET /tasks').length;
    await user.type(screen.getByLabelText('Search prompts'), 'greeting');
    await screen.findByText('No task matches these filters.');
    const searches = api.calls('GET /tasks').slice(before);
    expect(searches.map((request) => request.query.get('search'))).toEqual(['greeting']);
  });

  it('offers a non-admin "Me" as author without asking for the member list', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskHistoryPage />, { role: 'developer', setup: serveHistory });
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    expect(api.calls('GET /admin/members')).toHaveLength(0);
    await user.selectOptions(screen.getByLabelText('Filter by author'), 'Me');
    await waitFor(() => expect(lastListQuery(api)).toEqual({ limit: '25', createdBy: USER_ID }));
  });

  it('reports a reversed date range instead of querying it', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TaskHistoryPage />, { setup: serveHistory });
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
    await user.type(screen.getByLabelText('Created to'), '2025-03-01');
    await user.type(screen.getByLabelText('Created from'), '2025-03-05');
    expect((await screen.findByRole('alert')).textContent).toContain('The "from" day is after the "to" day.');
    // The "to" day alone was asked for; the reversed range never is.
    expect(
      api
        .calls('GET /tasks')
        .some((request) => request.query.get('createdBefore') === new Date(2025, 2, 2).toISOString()),
    ).toBe(true);
    expect(api.calls('GET /tasks').filter((request) => request.query.get('createdFrom'))).toHaveLength(0);
  });
});
