import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, sessionToken, TIMEOUT } from '../support/page-helpers';

export const viewerAndSessionScenario: Scenario = {
  name: 'viewer and expired session',
  journey: 'dashboard',
  async run(e2e, check) {
    const { backend, web, browser } = e2e.env;
    const { page, taskId } = e2e.dashboard;

    await check('viewer: no create or admin actions, and the API refuses a forced create', async () => {
      const viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      e2e.onCleanup(() => viewer.close());
      const viewerPage = await viewer.newPage();
      viewerPage.setDefaultTimeout(TIMEOUT);
      await viewerPage.goto(`${web.url}/sign-in`);
      await viewerPage.getByLabel('Login').fill('bob');
      await viewerPage.getByRole('button', { name: 'Dev sign-in' }).click();
      await viewerPage.getByTestId('recent-tasks').waitFor();
      await viewerPage.locator('[data-testid="signed-in-role"]', { hasText: 'viewer' }).waitFor();
      assert((await viewerPage.getByTestId('new-task-link').count()) === 0, 'a viewer sees the New task button');
      assert((await viewerPage.getByRole('link', { name: 'Admin' }).count()) === 0, 'a viewer sees the admin link');
      await viewerPage.goto(`${web.url}/tasks/${taskId}`);
      await viewerPage.getByTestId('task-page').waitFor();
      assert((await viewerPage.getByRole('button', { name: 'Cancel task' }).count()) === 0, 'a viewer sees Cancel');
      const token = await sessionToken(viewerPage);
      const forced = await api<{ message: string }>(backend, token, 'POST', '/tasks', {
        repository: 'acme/demo',
        prompt: 'sneaky',
      });
      assert(forced.status === 403, `forced create answered ${forced.status}`);
      await viewer.close();
    });

    await check('expired session: the next request sends the user back to sign-in with a message', async () => {
      await page.evaluate(() => {
        const raw = localStorage.getItem('patchbay.session');
        if (!raw) throw new Error('no session');
        localStorage.setItem('patchbay.session', JSON.stringify({ ...JSON.parse(raw), token: 'expired.or.revoked' }));
      });
      await page.reload();
      await page.waitForURL('**/sign-in');
      await page.getByText('Your session has expired').waitFor();
      await screenshot(page, '10-session-expired');
    });
  },
};
