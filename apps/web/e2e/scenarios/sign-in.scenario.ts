import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { screenshot, sessionToken } from '../support/page-helpers';

export const signInScenario: Scenario = {
  name: 'sign-in',
  journey: 'dashboard',
  async run(e2e, check) {
    const { web } = e2e.env;
    const { page } = e2e.dashboard;

    await check('GET /healthz on the web server answers', async () => {
      const response = await fetch(`${web.url}/healthz`);
      assert(response.status === 200 && (await response.text()).trim() === 'ok', `healthz answered ${response.status}`);
    });

    await check('sign-in page: GitHub button reports that GitHub sign-in is not configured', async () => {
      await page.goto(`${web.url}/`);
      await page.waitForURL('**/sign-in');
      await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
      await page.getByText('GitHub sign-in is not configured').waitFor();
      await screenshot(page, '01-sign-in');
    });

    await check('dev sign-in with an invalid login shows the API message at the field', async () => {
      await page.getByLabel('Login').fill('not valid!');
      await page.getByRole('button', { name: 'Dev sign-in' }).click();
      const error = page.getByTestId('field-error-login');
      await error.waitFor();
      assert(
        (await error.textContent())?.includes('login must be 1-39 letters'),
        `unexpected message: ${await error.textContent()}`,
      );
    });

    await check('dev sign-in as the first user lands on the dashboard as admin', async () => {
      await page.getByLabel('Login').fill('alice');
      await page.getByRole('button', { name: 'Dev sign-in' }).click();
      await page.getByTestId('recent-tasks').waitFor();
      assert((await page.getByTestId('signed-in-role').textContent()) === 'admin', 'first user is not shown as admin');
      await page.getByText('No tasks yet').waitFor();
      e2e.dashboard.adminToken = await sessionToken(page);
    });
  },
};
