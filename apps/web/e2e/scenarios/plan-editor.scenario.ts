import type { TaskEvent } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, TIMEOUT } from '../support/page-helpers';

export const planEditorScenario: Scenario = {
  name: 'plan editor',
  journey: 'dashboard',
  async run(e2e, check) {
    const { backend, web } = e2e.env;
    const { taskId, adminToken, context } = e2e.dashboard;

    await check('plan editor: a plan_ready event renders an editable plan; edits are sent on approval', async () => {
      // No planner runs in this backend (gateway only), so this check feeds the UI a plan-shaped
      // event and an awaiting-approval status through intercepted responses, and asserts the request it sends.
      const planPage = await context.newPage();
      planPage.setDefaultTimeout(TIMEOUT);
      const plan = {
        summary: 'Change the greeting and cover it with a test.',
        steps: [
          { id: 's1', title: 'Read src/greet.js', detail: 'Find the greeting.', files: ['src/greet.js'] },
          { id: 's2', title: 'Change the greeting to Hello', detail: '', files: ['src/greet.js'] },
          { id: 's3', title: 'Add a unit test', detail: '', files: ['test/greet.test.js'] },
        ],
        targetTests: [],
      };
      const realEvents = (await api<TaskEvent[]>(backend, adminToken, 'GET', `/tasks/${taskId}/events`)).body;
      const nextSeq = (realEvents.at(-1)?.seq ?? 0) + 1;
      const extra: TaskEvent[] = [
        {
          id: '00000000-0000-4000-8000-00000000e001',
          taskId,
          seq: nextSeq,
          type: 'plan_ready',
          agent: 'supervisor',
          payload: { plan, version: 1, contentHash: 'c'.repeat(64), model: 'scripted model' },
          at: new Date().toISOString(),
        },
        {
          id: '00000000-0000-4000-8000-00000000e002',
          taskId,
          seq: nextSeq + 1,
          type: 'command_executed',
          agent: 'testing-agent',
          payload: { command: 'npm test', exitCode: 1, durationMs: 900, timedOut: false },
          at: new Date().toISOString(),
        },
        {
          id: '00000000-0000-4000-8000-00000000e003',
          taskId,
          seq: nextSeq + 2,
          type: 'test_results',
          agent: 'testing-agent',
          payload: {
            phase: 'baseline',
            framework: 'node:test',
            command: 'npm test',
            exitCode: 1,
            passed: 4,
            failed: 1,
            skipped: 0,
            durationMs: 900,
            failures: [{ name: 'greets in English', message: "expected 'Hello' got 'hi'" }],
            failuresOmitted: 0,
            lint: null,
          },
          at: new Date().toISOString(),
        },
      ];
      let approvedBody: unknown = null;
      await planPage.route(`**/api/v1/tasks/${taskId}/events*`, async (route) => {
        const response = await route.fetch();
        const events = (await response.json()) as TaskEvent[];
        await route.fulfill({ response, json: [...events, ...extra] });
      });
      await planPage.route(`**/api/v1/tasks/${taskId}`, async (route) => {
        const response = await route.fetch();
        const task = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { ...task, status: 'awaiting_plan_approval' } });
      });
      await planPage.route(`**/api/v1/tasks/${taskId}/diff`, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/x-diff',
          body: "diff --git a/src/greet.js b/src/greet.js\n--- a/src/greet.js\n+++ b/src/greet.js\n@@ -1 +1 @@\n-export const greet = () => 'hi';\n+export const greet = () => 'Hello';\n",
        }),
      );
      await planPage.route(`**/api/v1/tasks/${taskId}/plan/approve`, async (route) => {
        approvedBody = route.request().postDataJSON();
        const task = await api<Record<string, unknown>>(backend, adminToken, 'GET', `/tasks/${taskId}`);
        await route.fulfill({ status: 200, json: { ...task.body, status: 'executing' } });
      });
      e2e.onCleanup(() => planPage.close());
      await planPage.goto(`${web.url}/tasks/${taskId}`);
      await planPage.getByTestId('plan-editor').waitFor();
      assert((await planPage.locator('[data-testid="plan-step"]').count()) === 3, 'the plan does not show three steps');
      assert(await planPage.getByRole('button', { name: 'Approve plan' }).isEnabled(), 'Approve plan is disabled');
      await screenshot(planPage, '05-plan-editor');
      // Native drag and drop in the browser: step 1 by its handle onto the lower half of step 3, then back above step 2.
      const order = () =>
        planPage
          .locator('[data-testid="plan-step"]')
          .evaluateAll((steps) => steps.map((step) => step.getAttribute('data-step-id')).join(','));
      const stepBox = async (id: string) =>
        (await planPage.locator(`[data-step-id="${id}"]`).boundingBox()) ?? { height: 40 };
      await planPage
        .locator('[data-step-id="s1"]')
        .getByRole('button', { name: /^Reorder step/ })
        .dragTo(planPage.locator('[data-step-id="s3"]'), {
          targetPosition: { x: 40, y: (await stepBox('s3')).height - 4 },
        });
      assert((await order()) === 's2,s3,s1', `after dragging step 1 below step 3 the order is ${await order()}`);
      await planPage
        .locator('[data-step-id="s1"]')
        .getByRole('button', { name: /^Reorder step/ })
        .dragTo(planPage.locator('[data-step-id="s2"]'), { targetPosition: { x: 40, y: 4 } });
      assert((await order()) === 's1,s2,s3', `after dragging step 1 back above step 2 the order is ${await order()}`);
      await planPage.getByLabel('Step 2 title').fill('Change the greeting to "Hello"');
      await planPage.getByRole('button', { name: 'Move step 3 up' }).click();
      await planPage.locator('[data-step-id="s1"]').getByRole('button', { name: 'Drop' }).click();
      await planPage.locator('[data-step-id="s1"][data-dropped="true"]').waitFor();
      await planPage.getByRole('button', { name: 'Approve edited plan (2 steps)' }).click();
      await planPage.waitForFunction(
        () => document.querySelector('[data-testid="status-chip"]')?.getAttribute('data-status') === 'executing',
      );
      const steps = (approvedBody as { steps?: Array<{ id: string; title: string }> } | null)?.steps ?? [];
      assert(steps.map((s) => s.id).join(',') === 's3,s2', `approved steps ${JSON.stringify(steps)}`);
      assert(steps[1]?.title === 'Change the greeting to "Hello"', 'the reworded title was not sent');
      await planPage.getByRole('tab', { name: 'Live log' }).click();
      await planPage.locator('[data-testid="log-line"][data-type="command_executed"]').getByText('exit 1').waitFor();
      await planPage.getByRole('tab', { name: 'Diff' }).click();
      await planPage.getByRole('tab', { name: /src\/greet\.js \+1 -1/ }).waitFor();
      await screenshot(planPage, '06-diff-view');
      await planPage.getByRole('tab', { name: 'Tests' }).click();
      await planPage.getByText('greets in English').waitFor();
      await planPage.close();
    });
  },
};
