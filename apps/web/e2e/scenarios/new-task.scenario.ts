import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, nav } from '../support/page-helpers';

export const newTaskScenario: Scenario = {
  name: 'new task form',
  journey: 'dashboard',
  async run(e2e, check) {
    const { backend, repoDir } = e2e.env;
    const { page, adminToken } = e2e.dashboard;

    await check('admin console: register a local git repository', async () => {
      await nav(page, 'Admin').click();
      await page.getByTestId('admin-page').waitFor();
      await page.getByLabel('Name (owner/name)').fill('acme/demo');
      await page.getByLabel('Import from (path on the server or git URL)').fill(repoDir);
      await page.getByRole('button', { name: 'Register repository' }).click();
      await page.locator('[data-testid="repository-row"][data-full-name="acme/demo"]').waitFor();
      await page.getByText('Registered acme/demo.').waitFor();
    });

    await check('new task: an empty prompt shows the API validation message at the prompt field', async () => {
      await nav(page, 'Dashboard').click();
      await page.getByTestId('new-task-link').click();
      await page.getByLabel('Prompt').waitFor();
      assert(
        (await page.locator('#repository').inputValue()) === 'acme/demo',
        'the registered repository is not preselected',
      );
      await page.getByRole('button', { name: 'Create task' }).click();
      const error = page.getByTestId('field-error-prompt');
      await error.waitFor();
      assert(
        (await error.textContent()) === 'prompt must not be empty',
        `unexpected message: ${await error.textContent()}`,
      );
      assert((await page.getByLabel('Prompt').getAttribute('aria-invalid')) === 'true', 'prompt is not marked invalid');
      await screenshot(page, '02-new-task-validation');
    });

    await check('new task: an invalid max-files constraint is shown at its field', async () => {
      await page.getByLabel('Prompt').fill('Make the greeting say Hello instead of hi');
      await page.getByLabel('Max files changed').fill('0');
      await page.getByRole('button', { name: 'Create task' }).click();
      const error = page.getByTestId('field-error-constraints.maxFilesChanged');
      await error.waitFor();
      assert(!(await page.getByTestId('field-error-prompt').isVisible()), 'the old prompt error is still shown');
    });

    await check('new task: creating one opens the task view with the live log', async () => {
      await page.getByLabel('Max files changed').fill('3');
      await page.getByLabel('Files to avoid').fill('package-lock.json');
      await page.getByLabel('Priority').selectOption('high');
      await page.getByRole('button', { name: 'Create task' }).click();
      await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
      const taskId = page.url().split('/').at(-1) ?? '';
      e2e.dashboard.taskId = taskId;
      await page.getByTestId('task-page').waitFor();
      assert(
        (await page.getByTestId('task-prompt').textContent()) === 'Make the greeting say Hello instead of hi',
        'prompt not shown',
      );
      const created = await api<{ priority: string; constraints: { maxFilesChanged?: number; avoidFiles?: string[] } }>(
        backend,
        adminToken,
        'GET',
        `/tasks/${taskId}`,
      );
      assert(
        created.body.priority === 'high' &&
          created.body.constraints.maxFilesChanged === 3 &&
          created.body.constraints.avoidFiles?.[0] === 'package-lock.json',
        `task stored with ${JSON.stringify(created.body)}`,
      );
    });
  },
};
