import type { TaskCandidateView } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, TASK_ID } from '../../../testing/render-with-app';
import { CandidatesPanel } from './candidates-panel';

const LIST = `GET /tasks/${TASK_ID}/candidates`;
const SELECT_3 = `POST /tasks/${TASK_ID}/candidates/3/select`;

const candidate = (index: number, overrides: Partial<TaskCandidateView>): TaskCandidateView => ({
  index,
  status: 'finished',
  selected: false,
  done: false,
  checksPassed: null,
  rounds: 1,
  tests: { passed: 1, failed: 1 },
  newFailures: 0,
  failingTargetTests: 1,
  changedLines: 2,
  filesChanged: ['src/greet.js'],
  diff: `diff --git a/src/greet.js b/src/greet.js\n-old ${index}\n+new ${index}\n`,
  diffSha256: 'a'.repeat(64),
  error: null,
  finishedAt: '2026-12-06T08:00:00.000Z',
  ...overrides,
});

const CANDIDATES = [
  candidate(1, {}),
  candidate(2, { done: true, selected: true, tests: { passed: 2, failed: 0 }, failingTargetTests: 0 }),
  candidate(3, { done: true, tests: { passed: 2, failed: 0 }, failingTargetTests: 0, changedLines: 4 }),
];

describe('CandidatesPanel', () => {
  it('shows every candidate side by side with its status, tests, size and diff, and offers only another passing one', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<CandidatesPanel taskId={TASK_ID} reviewable version={0} />, {
      setup: (fake) => {
        fake.on(LIST, { status: 200, json: CANDIDATES });
        fake.on(SELECT_3, { status: 200, json: {} });
      },
    });
    const cards = await screen.findAllByTestId('candidate');
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      'Candidate 1',
      'Candidate 2',
      'Candidate 3',
    ]);
    expect(cards.map((card) => card.getAttribute('data-selected'))).toEqual(['false', 'true', 'false']);
    expect(within(cards[0]).getByText('does not pass')).toBeTruthy();
    expect(within(cards[1]).getByText('selected')).toBeTruthy();
    expect(within(cards[2]).getByText('2 passed, 0 failed')).toBeTruthy();
    expect(within(cards[2]).getByLabelText('Candidate 3 diff').textContent).toContain('+new 3');
    // Only candidate 3: candidate 1 does not pass, candidate 2 is the one already awaiting approval.
    const buttons = screen.getAllByRole('button', { name: 'Use this candidate' });
    expect(buttons).toHaveLength(1);
    expect(within(cards[2]).getByRole('button', { name: 'Use this candidate' })).toBe(buttons[0]);

    await user.click(buttons[0]);
    await waitFor(() => expect(api.calls(SELECT_3)).toHaveLength(1));
  });

  it('offers no choice when the diff is not awaiting approval, and shows the refusal of a choice', async () => {
    const { unmount } = renderWithApp(<CandidatesPanel taskId={TASK_ID} reviewable={false} version={0} />, {
      setup: (fake) => {
        fake.on(LIST, { status: 200, json: CANDIDATES });
      },
    });
    await screen.findAllByTestId('candidate');
    expect(screen.queryByRole('button', { name: 'Use this candidate' })).toBeNull();
    unmount();

    const user = userEvent.setup();
    renderWithApp(<CandidatesPanel taskId={TASK_ID} reviewable version={0} />, {
      setup: (fake) => {
        fake.on(LIST, { status: 200, json: CANDIDATES });
        fake.on(SELECT_3, {
          status: 409,
          json: {
            statusCode: 409,
            error: 'Conflict',
            message: 'This task is publishing; a candidate can be chosen only while its diff awaits approval',
          },
        });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Use this candidate' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'a candidate can be chosen only while its diff awaits approval',
    );
  });
});
