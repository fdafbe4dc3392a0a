import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { renderWithApp, TASK_ID, taskView } from '../../../testing/render-with-app';
import { DiffView } from './diff-view';

const DIFF = `diff --git a/src/greet.js b/src/greet.js
index 1111111..2222222 100644
--- a/src/greet.js
+++ b/src/greet.js
@@ -1,3 +1,3 @@
 'use strict';
-exports.greet = (name) => 'hi ' + name;
+exports.greet = (name) => \`Hello, \${name}!\`;
 exports.version = 2;
diff --git a/test/greet.test.js b/test/greet.test.js
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/test/greet.test.js
@@ -0,0 +1,3 @@
+const { greet } = require('../src/greet');
+const assert = require('node:assert');
+assert.equal(greet('Ada'), 'Hello, Ada!');
`;

function serveDiff(api: FakeFetch) {
  api.on(`GET /tasks/${TASK_ID}/diff`, { text: DIFF });
  api.on(`POST /tasks/${TASK_ID}/diff/approve`, { json: taskView({ status: 'publishing' }) });
  api.on(`POST /tasks/${TASK_ID}/diff/reject`, { json: taskView({ status: 'executing' }) });
  api.on(`POST /tasks/${TASK_ID}/cancel`, { json: taskView({ status: 'cancelled' }) });
}

function fileTabs(): string[] {
  return within(screen.getByRole('tablist', { name: 'Changed files' }))
    .getAllByRole('tab')
    .map((tab) => tab.textContent ?? '');
}

async function addComment(user: ReturnType<typeof userEvent.setup>, line: string, text: string) {
  await user.click(screen.getByRole('button', { name: `Comment on ${line}` }));
  const box = screen.getByRole('textbox', { name: `Comment on ${line}` });
  expect(document.activeElement).toBe(box);
  await user.type(box, text);
  await user.click(screen.getByRole('button', { name: 'Add comment' }));
}

describe('DiffView', () => {
  it('shows one tab per file with its +/- counts and switches files by click and arrow keys', async () => {
    const user = userEvent.setup();
    renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    expect(fileTabs()).toEqual(['src/greet.js +1 -1', 'test/greet.test.js +3 -0']);
    screen.getByText(/2 files changed/);
    expect(screen.getByTestId('diff-file-path').textContent).toBe('src/greet.js');

    await user.click(screen.getByRole('tab', { name: /test\/greet\.test\.js/ }));
    expect(screen.getByTestId('diff-file-path').textContent).toBe('test/greet.test.js');
    screen.getByText('new file');
    expect(screen.getByRole('tab', { selected: true }).textContent).toContain('test/greet.test.js');

    await user.keyboard('{ArrowRight}');
    expect(screen.getByTestId('diff-file-path').textContent).toBe('src/greet.js');
    expect(document.activeElement).toBe(screen.getByRole('tab', { selected: true }));
  });

  it('renders unified or side by side, remembering the choice', async () => {
    const user = userEvent.setup();
    const { unmount } = renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, { setup: serveDiff });
    const view = await screen.findByTestId('diff-view');
    const table = () => view.querySelector('table.diff') as HTMLTableElement;
    expect(table().classList.contains('diff-unified')).toBe(true);
    // Unified: old and new line numbers in two gutters beside one code column.
    expect(table().querySelectorAll('tbody.diff-hunk tr.diff-line').length).toBe(4);

    await user.click(screen.getByRole('button', { name: 'Side by side' }));
    expect(screen.getByRole('button', { name: 'Side by side' }).getAttribute('aria-pressed')).toBe('true');
    expect(table().classList.contains('diff-split')).toBe(true);
    // Side by side: the removed and the added line share one row, old on the left, new on the right.
    const changed = [...table().querySelectorAll('tr.diff-line')].find((row) => row.querySelector('.diff-code-delete'));
    expect(changed?.querySelector('.diff-code-delete')?.textContent).toBe("exports.greet = (name) => 'hi ' + name;");
    expect(changed?.querySelector('.diff-code-insert')?.textContent).toBe(
      'exports.greet = (name) => `Hello, ${name}!`;',
    );

    unmount();
    renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, { setup: serveDiff });
    expect((await screen.findByTestId('diff-view')).getAttribute('data-view-type')).toBe('split');
  });

  it('highlights syntax by the file’s language and marks the changed words', async () => {
    renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, { setup: serveDiff });
    const view = await screen.findByTestId('diff-view');
    const added = view.querySelector('td.diff-code-insert') as HTMLElement;
    // The template literal is one Prism token, split where the edit marks cut through it.
    expect([...added.querySelectorAll('.token.template-string')].map((token) => token.textContent).join('')).toBe(
      '`Hello, ${name}!`',
    );
    expect(added.querySelector('.token.function')?.textContent).toBe('greet');
    // Only the changed part of the line is marked as an edit; `exports.greet = (name) =>` is not.
    const edited = [...added.querySelectorAll('.diff-code-edit')].map((edit) => edit.textContent).join('');
    expect(edited).toBe('`Hello, ${}!`');
    expect(added.textContent).toBe('exports.greet = (name) => `Hello, ${name}!`;');
  });

  it('keeps inline comments with the review and sends them with file:line references on "Request changes"', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serveDiff });
    await screen.findByTestId('diff-view');

    await addComment(user, 'src/greet.js:2', 'Keep the trailing semicolon style');
    const comment = screen.getByTestId('line-comment');
    expect(comment.textContent).toContain('src/greet.js:2');
    expect(comment.textContent).toContain('Keep the trailing semicolon style');
    // The comment sits right under its line.
    expect(comment.closest('tr')?.previousElementSibling?.querySelector('.diff-code-insert')?.textContent).toContain(
      'Hello, ${name}!',
    );

    await user.click(screen.getByRole('button', { name: 'Comment on src/greet.js:2 (removed line)' }));
    await user.type(
      screen.getByRole('textbox', { name: 'Comment on src/greet.js:2 (removed line)' }),
      'The old greeting was lowercase',
    );
    await user.click(screen.getByRole('button', { name: 'Add comment' }));

    await user.click(screen.getByRole('tab', { name: /test\/greet\.test\.js/ }));
    await addComment(user, 'test/greet.test.js:3', 'Also test an empty name');
    expect(fileTabs()[0]).toContain('2 comments');
    screen.getByText('· 3 inline comments');

    await user.click(screen.getByRole('button', { name: 'Request changes… (3)' }));
    expect(within(screen.getByTestId('feedback-comments')).getAllByRole('listitem')).toHaveLength(3);
    await user.type(screen.getByLabelText('What should change?'), 'Close, but tidy up.');
    await user.click(screen.getByRole('button', { name: 'Send to the coding agent' }));

    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/diff/reject`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/diff/reject`)[0]?.body).toEqual({
      feedback: [
        'Close, but tidy up.',
        '',
        'Inline comments:',
        '- src/greet.js:2 (removed line): The old greeting was lowercase',
        '- src/greet.js:2: Keep the trailing semicolon style',
        '- test/greet.test.js:3: Also test an empty name',
      ].join('\n'),
      // The same comments as data, in reading order, so the review record can list them after the action.
      comments: [
        { path: 'src/greet.js', side: 'old', line: 2, body: 'The old greeting was lowercase' },
        { path: 'src/greet.js', side: 'new', line: 2, body: 'Keep the trailing semicolon style' },
        { path: 'test/greet.test.js', side: 'new', line: 3, body: 'Also test an empty name' },
      ],
    });
    // Sent: the review starts afresh for the next diff.
    await waitFor(() => expect(screen.queryAllByTestId('line-comment')).toHaveLength(0));
    expect(sessionStorage.getItem(`patchbay.diff-review.${TASK_ID}`)).toBeNull();
  });

  it('keeps unsent comments when the view is left and opened again, and lets them be deleted', async () => {
    const user = userEvent.setup();
    const first = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    await addComment(user, 'src/greet.js:3', 'Bump the version');
    first.unmount();

    renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    expect(screen.getByTestId('line-comment').textContent).toContain('Bump the version');
    await user.click(screen.getByRole('button', { name: 'Delete the comment on src/greet.js:3' }));
    expect(screen.queryByTestId('line-comment')).toBeNull();
  });

  it('cancels a comment with Escape and needs text to send changes', async () => {
    const user = userEvent.setup();
    renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    await user.click(screen.getByRole('button', { name: 'Comment on src/greet.js:1' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Comment on src/greet.js:1' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Request changes…' }));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send to the coding agent' }).disabled).toBe(true);
  });

  it('approves the diff, or rejects it by cancelling the task after a confirmation', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    await user.click(screen.getByRole('button', { name: 'Approve and open PR' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    expect(api.calls(`POST /tasks/${TASK_ID}/cancel`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Reject and cancel the task' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/cancel`)).toHaveLength(1));
  });

  it('asks before approving over an unsent inline comment: cancel keeps it, send requests changes with it', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    await addComment(user, 'src/greet.js:2', 'Keep the semicolon');

    await user.click(screen.getByRole('button', { name: 'Approve and open PR' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Unsent review' });
    expect(confirm.textContent).toContain('You have 1 unsent inline comment.');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)).toHaveLength(0);
    screen.getByTestId('line-comment');

    await user.click(screen.getByRole('button', { name: 'Approve and open PR' }));
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Unsent review' })).getByRole('button', {
        name: 'Send them (request changes)',
      }),
    );
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/diff/reject`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/diff/reject`)[0]?.body).toEqual({
      feedback: 'Inline comments:\n- src/greet.js:2: Keep the semicolon',
      comments: [{ path: 'src/greet.js', side: 'new', line: 2, body: 'Keep the semicolon' }],
    });
    expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)).toHaveLength(0);
  });

  it('approves over an unsent comment only when the reviewer chooses to discard it', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    await addComment(user, 'src/greet.js:2', 'Nit');
    await user.click(screen.getByRole('button', { name: 'Approve and open PR' }));
    await user.click(screen.getByRole('button', { name: 'Discard them and approve' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/diff/reject`)).toHaveLength(0);
    await waitFor(() => expect(screen.queryAllByTestId('line-comment')).toHaveLength(0));
  });

  it('offers no comments or decisions when the diff is not up for review', async () => {
    renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, { setup: serveDiff });
    await screen.findByTestId('diff-view');
    expect(screen.queryByRole('button', { name: /^Comment on/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Approve|Request changes|Reject/ })).toBeNull();
  });

  it('says so while the task has no diff', async () => {
    renderWithApp(<DiffView taskId={TASK_ID} reviewable />, {
      setup: (api) =>
        api.on(`GET /tasks/${TASK_ID}/diff`, {
          status: 404,
          json: { statusCode: 404, error: 'Not Found', message: 'This task has no diff yet' },
        }),
    });
    await screen.findByText(/No diff yet/);
  });
});
