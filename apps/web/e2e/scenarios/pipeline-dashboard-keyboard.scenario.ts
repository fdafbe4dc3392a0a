import type { TaskView } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, nav } from '../support/page-helpers';

export const pipelineDashboardKeyboardScenario: Scenario = {
  name: 'pipeline: dashboard and keyboard',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline } = e2e.env;
    const { page, taskId, token } = e2e.pipeline;

    await check('pipeline: the dashboard lists the completed task', async () => {
      await nav(page, 'Dashboard').click();
      await page
        .locator(
          `[data-testid="task-row"][data-task-id="${taskId}"] [data-testid="status-chip"][data-status="completed"]`,
        )
        .waitFor();
      await page
        .locator(
          `[data-testid="task-row"][data-task-id="${taskId}"] [data-testid="task-pull-request"] [data-testid="pr-state"][data-state="merged"]`,
        )
        .waitFor();
      const task = await api<TaskView>(pipeline, token, 'GET', `/tasks/${taskId}`);
      assert(task.body.status === 'completed', `task is ${task.body.status}`);
      await screenshot(page, 'dashboard');
    });

    await check(
      'pipeline: keyboard only — skip link, open the task, focus on its heading, arrow keys through the tabs to the pull request',
      async () => {
        const focused = () =>
          page.evaluate(() => {
            const element = document.activeElement as HTMLElement | null;
            return {
              tag: element?.tagName ?? '',
              text: element?.textContent?.trim() ?? '',
              id: element?.id ?? '',
              row: element?.closest('[data-testid="task-row"]')?.getAttribute('data-task-id') ?? null,
            };
          });
        await page.reload();
        await page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`).waitFor();
        await page.keyboard.press('Tab');
        assert(
          (await focused()).text === 'Skip to content',
          `the first Tab reached ${JSON.stringify(await focused())}`,
        );
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          () => document.activeElement?.id === 'main' || document.activeElement?.closest('#main') !== null,
        );
        // From the main region, Tab walks forward until the task's link (a bounded walk: a page has few stops before it).
        for (let stop = 0; stop < 60; stop++) {
          const now = await focused();
          if (now.tag === 'A' && now.row === taskId) break;
          await page.keyboard.press('Tab');
        }
        const onLink = await focused();
        assert(
          onLink.tag === 'A' && onLink.row === taskId,
          `Tab never reached the task's link (last: ${JSON.stringify(onLink)})`,
        );
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
        await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
        assert(
          (await focused()).text === 'Fix the failing greeting test',
          `focus after navigation is on ${JSON.stringify(await focused())}`,
        );
        for (let stop = 0; stop < 40; stop++) {
          if ((await focused()).id.startsWith('task-tab-')) break;
          await page.keyboard.press('Tab');
        }
        assert(
          (await focused()).id === 'task-tab-log',
          `Tab reached ${JSON.stringify(await focused())} instead of the selected tab`,
        );
        await page.keyboard.press('ArrowRight');
        assert((await focused()).id === 'task-tab-plan', `ArrowRight moved to ${(await focused()).id}`);
        await page.keyboard.press('End');
        assert((await focused()).id === 'task-tab-pull-request', `End moved to ${(await focused()).id}`);
        await page.getByRole('heading', { name: /^Pull request #1/ }).waitFor();
      },
    );
  },
};
