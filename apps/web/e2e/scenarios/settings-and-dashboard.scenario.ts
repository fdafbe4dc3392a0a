import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { screenshot, nav } from '../support/page-helpers';

export const settingsAndDashboardScenario: Scenario = {
  name: 'settings and dashboard',
  journey: 'dashboard',
  async run(e2e, check) {
    const { page, taskId } = e2e.dashboard;

    await check('settings: store a model key; only its last four characters are shown', async () => {
      await nav(page, 'Settings').click();
      await page.getByLabel('API key').fill('sk-e2e-secret-key-7Q9z');
      await page.getByRole('button', { name: 'Store key' }).click();
      await page.getByTestId('credential-last-four').getByText('••••7Q9z').waitFor();
      assert(!(await page.content()).includes('sk-e2e-secret-key'), 'the full key is still on the page');
      await screenshot(page, '08-settings');
    });

    await check('dashboard: lists the task with its status chip and quota usage', async () => {
      await nav(page, 'Dashboard').click();
      await page.locator(`[data-testid="task-row"][data-task-id="${taskId}"] [data-testid="status-chip"]`).waitFor();
      await page.locator('[data-testid="quota-usage"] [data-kind="tasks_per_day"]').getByText('/ 50').waitFor();
      await screenshot(page, '09-dashboard');
    });
  },
};
