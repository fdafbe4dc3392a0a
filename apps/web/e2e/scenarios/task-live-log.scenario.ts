import type { TaskEvent } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, logSeqs } from '../support/page-helpers';

export const taskLiveLogScenario: Scenario = {
  name: 'task view and live log',
  journey: 'dashboard',
  async run(e2e, check) {
    const { backend, web } = e2e.env;
    const { page, taskId, adminToken } = e2e.dashboard;

    // The backend here hosts the gateway only (PATCHBAY_SERVICES=none), so tasks stay queued and the
    // dashboard is tested against a stream the test controls; the pipeline has its own suites.
    await check("task view: live log shows the queued task's events over the WebSocket", async () => {
      await page.locator('[data-testid="log-line"][data-type="status_changed"][data-agent="gateway"]').waitFor();
      await page.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
      await page.locator('[data-stage="queued"][data-state="current"]').waitFor();
      assert((await page.getByTestId('current-agent').textContent()) === 'gateway', 'current agent is not the gateway');
      await screenshot(page, '03-task-view-log');
    });

    await check('task view: log filters by agent and type', async () => {
      await page.getByLabel('Filter by agent').selectOption('supervisor');
      assert((await page.locator('[data-testid="log-line"]').count()) === 0, 'agent filter lets other agents through');
      await page.getByLabel('Filter by agent').selectOption('gateway');
      assert((await page.locator('[data-testid="log-line"]').count()) > 0, 'agent filter hides the gateway lines');
      await page.getByLabel('Filter by agent').selectOption('all');
      await page.getByLabel('Filter by type').selectOption('status_changed');
      assert(
        (await page.locator('[data-testid="log-line"][data-type="agent_thought"]').count()) === 0,
        'type filter lets other types through',
      );
      await page.getByLabel('Filter by type').selectOption('all');
    });

    await check(
      'task view: plan and diff tabs render an empty state while the pipeline has produced nothing',
      async () => {
        await page.getByRole('tab', { name: 'Plan' }).click();
        await page.getByText('No plan yet.').waitFor();
        await page.getByRole('tab', { name: 'Diff' }).click();
        await page.getByText('No diff yet.').waitFor();
        await page.getByRole('tab', { name: 'Tests' }).click();
        await page.getByText('No test results yet.').waitFor();
        await page.getByRole('tab', { name: 'Live log' }).click();
      },
    );

    await check('live log: after a dropped connection it resumes without gaps or duplicates', async () => {
      const before = await logSeqs(page);
      web.setRefuseWebSockets(true);
      assert(web.dropWebSockets() > 0, 'no WebSocket was open to drop');
      await page.locator('[data-testid="stream-state"][data-state="reconnecting"]').waitFor();
      // An event raised while the client is disconnected must arrive on reconnect.
      const cancelled = await api<{ status: string }>(backend, adminToken, 'POST', `/tasks/${taskId}/cancel`, {});
      assert(
        cancelled.status === 200 || cancelled.status === 201,
        `cancel answered ${cancelled.status}: ${JSON.stringify(cancelled.body)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      web.setRefuseWebSockets(false);
      await page.locator('[data-testid="stream-state"][data-state="live"]').waitFor({ timeout: 20_000 });
      const events = (await api<TaskEvent[]>(backend, adminToken, 'GET', `/tasks/${taskId}/events`)).body;
      const cancelEvent = events.find((e) => e.type === 'status_changed' && e.payload['to'] === 'cancelled');
      assert(cancelEvent, 'the backend has no cancelled event');
      await page.locator(`[data-testid="log-line"][data-seq="${cancelEvent.seq}"]`).waitFor();
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="log-line"]').length >= count,
        events.length,
      );
      const after = await logSeqs(page);
      assert(new Set(after).size === after.length, `duplicate seqs in the log: ${after.join(',')}`);
      assert(
        after.join(',') === events.map((e) => e.seq).join(','),
        `log ${after.join(',')} differs from the server's ${events.map((e) => e.seq).join(',')}`,
      );
      assert(
        before.every((seq) => after.includes(seq)),
        'lines held before the drop disappeared',
      );
      await page.locator('[data-testid="status-chip"][data-status="cancelled"]').first().waitFor();
    });

    await check('task view: Retry re-queues a cancelled task and new events stream in live', async () => {
      const held = (await logSeqs(page)).length;
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.locator('[data-testid="status-chip"][data-status="queued"]').first().waitFor();
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid="log-line"]').length > count, held);
      const seqs = await logSeqs(page);
      assert(new Set(seqs).size === seqs.length, 'duplicate seqs after retry');
      assert(
        seqs.every((seq, index) => seq === index + 1),
        `gap in seqs after retry: ${seqs.join(',')}`,
      );
      await page.getByRole('button', { name: 'Cancel task' }).waitFor();
      await screenshot(page, '04-task-view-after-reconnect');
    });
  },
};
