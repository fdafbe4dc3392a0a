import type { FeedbackVoteView, SubmitFeedbackRequest, TaskFeedbackView } from '@patchbay/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { renderWithApp, TASK_ID, USER_ID } from '../../../testing/render-with-app';
import { FeedbackPanel } from './feedback-panel';

const OTHER_USER = '00000000-0000-4000-8000-0000000000b2';

function voteView(overrides: Partial<FeedbackVoteView>): FeedbackVoteView {
  return {
    filePath: null,
    rating: 'up',
    comment: null,
    by: { id: OTHER_USER, login: 'dave' },
    updatedAt: '2026-12-06T10:00:00.000Z',
    ...overrides,
  };
}

/** A feedback endpoint that keeps votes the way the gateway does: one per person per task or file. */
function serveFeedback(initial: FeedbackVoteView[]) {
  let votes = [...initial];
  const view = (): TaskFeedbackView => {
    const tally = (path: string | null) => ({
      up: votes.filter((v) => v.filePath === path && v.rating === 'up').length,
      down: votes.filter((v) => v.filePath === path && v.rating === 'down').length,
    });
    const paths = [...new Set(votes.flatMap((v) => (v.filePath ? [v.filePath] : [])))];
    return { votes, task: tally(null), files: paths.map((path) => ({ path, ...tally(path) })) };
  };
  return (api: FakeFetch) => {
    api.on(`GET /tasks/${TASK_ID}/feedback`, () => ({ json: view() }));
    api.on(`PUT /tasks/${TASK_ID}/feedback`, (request) => {
      const body = request.body as SubmitFeedbackRequest;
      const vote = voteView({
        filePath: body.filePath ?? null,
        rating: body.rating,
        comment: body.comment ?? null,
        by: { id: USER_ID, login: 'carol' },
      });
      votes = [...votes.filter((v) => !(v.by.id === USER_ID && v.filePath === vote.filePath)), vote];
      return { json: vote };
    });
  };
}

describe('FeedbackPanel', () => {
  it("shows everyone's tallies and comments, and sends the caller's vote on the change with a reason", async () => {
    const { api } = renderWithApp(<FeedbackPanel taskId={TASK_ID} files={['src/greet.ts', 'README.md']} canVote />, {
      setup: serveFeedback([voteView({ rating: 'down', filePath: 'src/greet.ts', comment: 'Wrong name' })]),
    });
    await screen.findByRole('button', { name: 'Thumbs down for src/greet.ts (1)' });
    expect(screen.getByText(/Wrong name/)).toBeTruthy();

    await userEvent.type(screen.getByRole('textbox', { name: /Why\?/ }), 'Small and clear');
    await userEvent.click(screen.getByRole('button', { name: 'Thumbs up for the change (0)' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Thumbs up for the change (1)' }).getAttribute('aria-pressed')).toBe(
        'true',
      ),
    );
    expect(api.calls(`PUT /tasks/${TASK_ID}/feedback`)[0]?.body).toEqual({ rating: 'up', comment: 'Small and clear' });
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: /Why\?/ }).value).toBe('');
  });

  it('votes on one file, and a second vote replaces the first', async () => {
    const { api } = renderWithApp(<FeedbackPanel taskId={TASK_ID} files={['src/greet.ts']} canVote />, {
      setup: serveFeedback([]),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Thumbs down for src/greet.ts (0)' }));
    await screen.findByRole('button', { name: 'Thumbs down for src/greet.ts (1)' });
    await userEvent.click(screen.getByRole('button', { name: 'Thumbs up for src/greet.ts (0)' }));
    await screen.findByRole('button', { name: 'Thumbs up for src/greet.ts (1)' });
    expect(screen.getByRole('button', { name: 'Thumbs down for src/greet.ts (0)' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(api.calls(`PUT /tasks/${TASK_ID}/feedback`).map((call) => call.body)).toEqual([
      { rating: 'down', filePath: 'src/greet.ts' },
      { rating: 'up', filePath: 'src/greet.ts' },
    ]);
  });

  it('lets viewers read the tallies without voting', async () => {
    renderWithApp(<FeedbackPanel taskId={TASK_ID} files={['src/greet.ts']} canVote={false} />, {
      role: 'viewer',
      setup: serveFeedback([voteView({ rating: 'up' })]),
    });
    const up = await screen.findByRole('button', { name: 'Thumbs up for the change (1)' });
    expect((up as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('textbox', { name: /Why\?/ })).toBeNull();
  });
});
