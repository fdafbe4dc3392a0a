import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, sessionToken, nav, TIMEOUT } from '../support/page-helpers';

export const pipelineRolesAndAdminScenario: Scenario = {
  name: 'pipeline: roles and admin console',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline, pipelineWeb, browser } = e2e.env;
    const { page, taskId } = e2e.pipeline;

    await check('pipeline: a viewer cannot create tasks and the API refuses a forced one', async () => {
      const dave = await api<{ user: { id: string } }>(pipeline, null, 'POST', '/auth/dev-login', { login: 'dave' });
      assert(dave.status === 200, `dev-login dave answered ${dave.status}`);
      await nav(page, 'Admin').click();
      await page.getByLabel('Role of dave').selectOption('viewer');
      await page.waitForFunction(
        () => document.querySelector<HTMLSelectElement>('select[aria-label="Role of dave"]')?.value === 'viewer',
      );
      const viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      e2e.onCleanup(() => viewer.close());
      const viewerPage = await viewer.newPage();
      viewerPage.setDefaultTimeout(TIMEOUT);
      await viewerPage.goto(`${pipelineWeb.url}/sign-in`);
      await viewerPage.getByLabel('Login').fill('dave');
      await viewerPage.getByRole('button', { name: 'Dev sign-in' }).click();
      await viewerPage.locator('[data-testid="signed-in-role"]', { hasText: 'viewer' }).waitFor();
      await viewerPage.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`).waitFor();
      // A viewer sees who asked for each task (not "—"), and is offered no review queue.
      const author = await viewerPage
        .locator(`[data-testid="task-row"][data-task-id="${taskId}"] [data-testid="task-author"]`)
        .textContent();
      assert(author === 'carol', `the viewer sees the author as ${author}`);
      assert(
        (await viewerPage.getByRole('link', { name: /^Awaiting my review/ }).count()) === 0,
        'a viewer sees the review queue',
      );
      assert((await viewerPage.getByTestId('new-task-link').count()) === 0, 'a viewer sees the New task button');
      const forced = await api<{ message: string }>(pipeline, await sessionToken(viewerPage), 'POST', '/tasks', {
        repository: 'acme/greeter',
        prompt: 'sneaky',
      });
      assert(forced.status === 403, `forced create answered ${forced.status}`);
      await viewer.close();
    });

    await check('pipeline admin console: set a quota and verify the audit chain', async () => {
      await page.getByLabel('Kind').selectOption('tasks_per_day');
      await page.getByLabel('Limit', { exact: true }).fill('25');
      await page.getByRole('button', { name: 'Set limit' }).click();
      await page.locator('[data-testid="quotas-panel"] [data-kind="tasks_per_day"]').getByText('/ 25').waitFor();
      await page.getByRole('button', { name: 'Verify chain' }).click();
      const verification = page.getByTestId('audit-verification');
      await verification.waitFor();
      assert((await verification.getAttribute('data-valid')) === 'true', 'audit chain reported invalid');
      await page.getByText(/Audit chain valid: \d+ entries verified/).waitFor();
      await screenshot(page, 'admin');
    });
  },
};
