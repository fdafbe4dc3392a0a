import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AttemptDiffSummary } from '@patchbay/contracts';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { renderWithApp, TASK_ID } from '../../../testing/render-with-app';
import { DiffView } from './diff-view';

const fileDiff = (path: string, line: string) => `diff --git a/${path} b/${path}
index 1111111..2222222 100644
--- a/${path}
+++ b/${path}
@@ -1,1 +1,1 @@
-old
+${line}
`;

const LATEST = fileDiff('src/greet.js', 'presented');
const BY_ATTEMPT: Record<string, string> = {
  '1': fileDiff('src/first.js', 'first try'),
  '2': fileDiff('src/second.js', 'second try'),
  '3': fileDiff('src/greet.js', 'presented'),
};
const ATTEMPTS: AttemptDiffSummary[] = [
  { attempt: 1, round: 1, sha256: 'a'.repeat(64), sizeBytes: 90, createdAt: '2026-01-01T00:00:01Z' },
  { attempt: 2, round: 2, sha256: 'b'.repeat(64), sizeBytes: 90, createdAt: '2026-01-01T00:00:02Z' },
  // The reviewer asked for changes: rounds start again.
  { attempt: 3, round: 1, sha256: 'c'.repeat(64), sizeBytes: 90, createdAt: '2026-01-01T00:00:03Z' },
];

function serve(api: FakeFetch, attempts: AttemptDiffSummary[] = ATTEMPTS, latest: string | null = LATEST) {
  api.on(`GET /tasks/${TASK_ID}/diffs`, { json: attempts });
  api.on(`GET /tasks/${TASK_ID}/diff`, (request) => {
    const attempt = request.query.get('attempt');
    if (attempt === null)
      return latest === null
        ? { status: 404, json: { statusCode: 404, message: 'This task has no diff yet' } }
        : { text: latest };
    const text = BY_ATTEMPT[attempt];
    return text
      ? { text }
      : {
          status: 404,
          json: { statusCode: 404, message: `This task has no attempt ${attempt}; it has attempts 1 to 3` },
        };
  });
}

const filePath = () => screen.getByTestId('diff-file-path').textContent;

describe('DiffView attempts', () => {
  it('lets the reviewer pick an attempt, shows its change read-only, and returns to the diff under review', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: (fake) => serve(fake) });
    await screen.findByTestId('diff-view');
    const picker = await screen.findByRole('combobox', { name: 'Show the diff of' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Latest (for review)', 'Attempt 1 (1 of 2)', 'Attempt 2', 'Attempt 1 (2 of 2)']);
    expect(filePath()).toBe('src/greet.js');
    screen.getByRole('button', { name: 'Approve and open PR' });

    await user.selectOptions(picker, 'Attempt 2');
    await waitFor(() => expect(filePath()).toBe('src/second.js'));
    expect(api.calls(`GET /tasks/${TASK_ID}/diff`).map((request) => request.query.get('attempt'))).toEqual([null, '2']);
    screen.getByTestId('attempt-diff-note');
    // An earlier attempt is for comparing: no approval, no comment buttons.
    expect(screen.queryByRole('button', { name: 'Approve and open PR' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Comment on / })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Show the diff of' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show the diff of' }), 'Attempt 1 (1 of 2)');
    await waitFor(() => expect(filePath()).toBe('src/first.js'));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show the diff of' }), 'Latest (for review)');
    await waitFor(() => expect(filePath()).toBe('src/greet.js'));
    screen.getByRole('button', { name: 'Approve and open PR' });
  });

  it('offers the attempts before a diff is presented, and shows no control when there are none', async () => {
    const user = userEvent.setup();
    const first = renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, {
      setup: (fake) => serve(fake, ATTEMPTS.slice(0, 1), null),
    });
    await screen.findByText(/No diff for review yet\. Pick an attempt/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show the diff of' }), 'Attempt 1');
    await waitFor(() => expect(filePath()).toBe('src/first.js'));
    first.unmount();

    renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, { setup: (fake) => serve(fake, [], null) });
    await screen.findByText(/No diff yet\. The coding agent/);
    expect(screen.queryByRole('combobox', { name: 'Show the diff of' })).toBeNull();
  });
});
