import type { TaskEvent } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, nav, waitForChip, STAGE_TIMEOUT } from '../support/page-helpers';

export const pipelineCancelScenario: Scenario = {
  name: 'pipeline: cancel',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline } = e2e.env;
    const { page, token } = e2e.pipeline;

    await check('pipeline: cancel confirmed and no agent event after the cancelled status', async () => {
      await nav(page, 'Dashboard').click();
      await page.getByTestId('new-task-link').click();
      await page.getByLabel('Prompt').fill('Fix the failing greeting test');
      await page.getByRole('button', { name: 'Create task' }).click();
      await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
      const cancelledTaskId = page.url().split('/').at(-1) ?? '';
      // Cancelled while the agents work: the supervisor has started analysing (sandbox, install, baseline tests).
      await page
        .locator('[data-testid="log-line"][data-agent="supervisor"]')
        .first()
        .waitFor({ timeout: STAGE_TIMEOUT });
      await page.getByRole('button', { name: 'Cancel task' }).click();
      const confirm = page.getByRole('group', { name: 'Confirm cancellation' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Yes, cancel' }).click();
      await waitForChip(page, 'cancelled');
      // Long enough for an agent that missed the cancellation to have raised something.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const events = (await api<TaskEvent[]>(pipeline, token, 'GET', `/tasks/${cancelledTaskId}/events`)).body;
      const cancelledAt = events.findIndex((e) => e.type === 'status_changed' && e.payload['to'] === 'cancelled');
      assert(cancelledAt >= 0, 'no cancelled status in the log');
      const after = events.slice(cancelledAt + 1).filter((e) => e.agent !== 'gateway');
      assert(
        after.length === 0,
        `agent events after the cancelled status: ${after.map((e) => `${e.seq} ${e.agent} ${e.type}`).join(', ')}`,
      );
      await page.locator(`[data-testid="log-line"][data-seq="${events[cancelledAt]?.seq}"]`).waitFor();
    });
  },
};
