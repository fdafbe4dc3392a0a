import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, nav } from '../support/page-helpers';

export const adminConsoleScenario: Scenario = {
  name: 'admin console',
  journey: 'dashboard',
  async run(e2e, check) {
    const { backend } = e2e.env;
    const { page, adminToken } = e2e.dashboard;

    await check('admin console: change a member role and an organisation quota', async () => {
      const bob = await api<{ user: { id: string; role: string } }>(backend, null, 'POST', '/auth/dev-login', {
        login: 'bob',
      });
      assert(bob.status === 200, `dev-login bob answered ${bob.status}`);
      await nav(page, 'Admin').click();
      const roleSelect = page.getByLabel('Role of bob');
      await roleSelect.waitFor();
      await roleSelect.selectOption('viewer');
      await page.waitForFunction(
        () => document.querySelector<HTMLSelectElement>('select[aria-label="Role of bob"]')?.value === 'viewer',
      );
      const members = await api<Array<{ login: string; role: string }>>(backend, adminToken, 'GET', '/admin/members');
      assert(members.body.find((m) => m.login === 'bob')?.role === 'viewer', 'bob is not a viewer on the server');
      await page.getByLabel('Kind').selectOption('tasks_per_day');
      await page.getByLabel('Limit', { exact: true }).fill('50');
      await page.getByRole('button', { name: 'Set limit' }).click();
      await page.locator('[data-testid="quotas-panel"] [data-kind="tasks_per_day"]').getByText('/ 50').waitFor();
    });

    await check('admin console: the audit chain verifies as valid', async () => {
      await page.getByRole('button', { name: 'Verify chain' }).click();
      const verification = page.getByTestId('audit-verification');
      await verification.waitFor();
      assert((await verification.getAttribute('data-valid')) === 'true', 'audit chain reported invalid');
      await page.getByText(/Audit chain valid: \d+ entries verified/).waitFor();
      assert((await page.locator('[data-testid="audit-row"]').count()) > 0, 'no audit entries listed');
      await screenshot(page, '07-admin-console');
    });
  },
};
