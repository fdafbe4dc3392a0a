import type { Scenario } from '../support/e2e-environment';
import { sessionToken, nav } from '../support/page-helpers';

export const pipelineNewTaskScenario: Scenario = {
  name: 'pipeline: sign-in and a new task',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipelineWeb, greeterDir } = e2e.env;
    const { page } = e2e.pipeline;

    await check('pipeline: dev sign-in and register a local git repository with a failing test', async () => {
      await page.goto(`${pipelineWeb.url}/sign-in`);
      await page.getByLabel('Login').fill('carol');
      await page.getByRole('button', { name: 'Dev sign-in' }).click();
      await page.locator('[data-testid="signed-in-role"]', { hasText: 'admin' }).waitFor();
      e2e.pipeline.token = await sessionToken(page);
      await nav(page, 'Admin').click();
      await page.getByLabel('Name (owner/name)').fill('acme/greeter');
      await page.getByLabel('Import from (path on the server or git URL)').fill(greeterDir);
      await page.getByRole('button', { name: 'Register repository' }).click();
      await page.locator('[data-testid="repository-row"][data-full-name="acme/greeter"]').waitFor();
    });

    await check('pipeline: create a task from the dashboard', async () => {
      await nav(page, 'Dashboard').click();
      await page.getByTestId('new-task-link').click();
      await page.getByLabel('Prompt').fill('Fix the failing greeting test');
      await page.getByRole('button', { name: 'Create task' }).click();
      await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
      e2e.pipeline.taskId = page.url().split('/').at(-1) ?? '';
      await page.getByTestId('task-page').waitFor();
    });
  },
};
