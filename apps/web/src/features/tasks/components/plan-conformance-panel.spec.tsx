import type { PlanConformanceView } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { renderWithApp, TASK_ID, taskView } from '../../../testing/render-with-app';
import { DiffView } from './diff-view';

const DIFF = `diff --git a/NOTES.md b/NOTES.md
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/NOTES.md
@@ -0,0 +1 @@
+A note.
diff --git a/src/greet.js b/src/greet.js
index 1111111..2222222 100644
--- a/src/greet.js
+++ b/src/greet.js
@@ -1 +1 @@
-exports.greet = (name) => 'hi ' + name;
+exports.greet = (name) => \`Hello, \${name}!\`;
`;

const VIEW: PlanConformanceView = {
  report: {
    planVersion: 2,
    planContentHash: 'c'.repeat(64),
    diffSha256: 'd'.repeat(64),
    steps: [
      {
        id: '1',
        title: 'Fix the greeting',
        plannedFiles: ['src/greet.js'],
        changedFiles: ['src/greet.js'],
        status: 'changed',
      },
      { id: '2', title: 'Document it', plannedFiles: ['docs/'], changedFiles: [], status: 'no_change' },
    ],
    files: [
      { path: 'NOTES.md', change: 'added', stepIds: [], outOfPlan: true },
      { path: 'src/greet.js', change: 'modified', stepIds: ['1'], outOfPlan: false },
    ],
    outOfPlan: ['NOTES.md'],
  },
  acknowledgement: null,
};

function serve(view: PlanConformanceView) {
  return (api: FakeFetch) => {
    api.on(`GET /tasks/${TASK_ID}/diff`, { text: DIFF });
    api.on(`GET /tasks/${TASK_ID}/diff/conformance`, { json: view });
    api.on(`POST /tasks/${TASK_ID}/diff/approve`, { json: taskView({ status: 'publishing' }) });
  };
}

describe('plan conformance on the Diff tab', () => {
  it('lists each step with its files or "no change" and the files outside the plan', async () => {
    renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, { setup: serve(VIEW) });
    const panel = await screen.findByTestId('plan-conformance');
    expect(within(panel).getByText(/version 2/)).toBeTruthy();
    const steps = within(screen.getByTestId('plan-conformance-steps')).getAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual([
      '1. Fix the greeting: src/greet.js',
      '2. Document it: no change (planned: docs/)',
    ]);
    expect(screen.getByTestId('plan-conformance-outside').textContent).toBe('NOTES.md (new file)');
    // Not reviewable: nothing to acknowledge here.
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('approves only after the reviewer acknowledges the changes outside the plan, and sends them', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serve(VIEW) });
    await screen.findByTestId('plan-conformance');
    const approve = screen.getByRole<HTMLButtonElement>('button', { name: 'Approve and open PR' });
    expect(approve.disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /reviewed this change outside the plan/ }));
    expect(approve.disabled).toBe(false);
    await user.click(approve);
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)[0]?.body).toEqual({ acknowledgeOutOfPlan: ['NOTES.md'] });
  });

  it('approves a diff inside the plan at once with an empty body, and shows who acknowledged an approved one', async () => {
    const user = userEvent.setup();
    const inside: PlanConformanceView = {
      ...VIEW,
      report: { ...VIEW.report, files: VIEW.report.files.slice(1), outOfPlan: [] },
    };
    const { api, unmount } = renderWithApp(<DiffView taskId={TASK_ID} reviewable />, { setup: serve(inside) });
    await screen.findByText('Every changed file belongs to the plan.');
    await user.click(screen.getByRole('button', { name: 'Approve and open PR' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/diff/approve`)[0]?.body).toEqual({});
    unmount();

    renderWithApp(<DiffView taskId={TASK_ID} reviewable={false} />, {
      setup: serve({ ...VIEW, acknowledgement: { paths: ['NOTES.md'], by: 'grace', at: '2026-12-06T08:00:00.000Z' } }),
    });
    expect((await screen.findByTestId('plan-conformance-acknowledged')).textContent).toBe(
      'Acknowledged by grace when approving the diff.',
    );
  });
});
