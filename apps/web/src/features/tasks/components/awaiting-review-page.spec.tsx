import { act, screen, waitFor, within } from '@testing-library/react';
import { AppShell } from '../../../app/app-shell';
import { renderWithApp, TASK_ID, taskView } from '../../../testing/render-with-app';
import { AwaitingReviewPage } from './awaiting-review-page';

const WAITING = [
  taskView({
    id: TASK_ID,
    status: 'awaiting_diff_approval',
    prompt: 'Greet in French',
    author: { login: 'bob', displayName: 'Bob B.' },
  }),
  taskView({
    id: '00000000-0000-4000-8000-0000000000a2',
    status: 'awaiting_plan_approval',
    prompt: 'Add a farewell',
    author: { login: 'dan', displayName: null },
  }),
];

describe('awaiting my review', () => {
  afterEach(() => {
    document.title = 'Patchbay';
  });

  it('counts the waiting tasks beside the navigation link and in the document title, and follows changes', async () => {
    let answer = { items: WAITING, count: 2 };
    const { queryClient } = renderWithApp(
      <AppShell>
        <p>page</p>
      </AppShell>,
      { setup: (api) => api.on('GET /reviews/awaiting-me', () => ({ json: answer })) },
    );
    const link = await screen.findByRole('link', { name: /Awaiting my review/ });
    await waitFor(() => expect(within(link).getByTestId('awaiting-review-count').textContent).toBe('2'));
    expect(document.title).toBe('(2) Patchbay');

    answer = { items: [], count: 0 };
    await act(() => queryClient.invalidateQueries({ queryKey: ['tasks'] }));
    await waitFor(() => expect(screen.queryByTestId('awaiting-review-count')).toBeNull());
    expect(document.title).toBe('Patchbay');
  });

  it('offers viewers no review link and asks the API nothing', async () => {
    const { api } = renderWithApp(
      <AppShell>
        <p>page</p>
      </AppShell>,
      { role: 'viewer', setup: (fake) => fake.on('GET /reviews/awaiting-me', { json: { items: WAITING, count: 2 } }) },
    );
    await screen.findByText('page');
    await waitFor(() => expect(api.calls('GET /auth/me')).toHaveLength(1));
    expect(screen.queryByRole('link', { name: /Awaiting my review/ })).toBeNull();
    expect(api.calls('GET /reviews/awaiting-me')).toHaveLength(0);
    expect(document.title).toBe('Patchbay');
  });

  it('lists the waiting tasks with their authors', async () => {
    renderWithApp(<AwaitingReviewPage />, {
      setup: (api) => api.on('GET /reviews/awaiting-me', { json: { items: WAITING, count: 2 } }),
    });
    const table = await screen.findByTestId('task-table');
    expect(
      within(table)
        .getAllByTestId('task-author')
        .map((cell) => cell.textContent),
    ).toEqual(['Bob B.', 'dan']);
    within(table).getByRole('link', { name: 'Greet in French' });
  });
});
