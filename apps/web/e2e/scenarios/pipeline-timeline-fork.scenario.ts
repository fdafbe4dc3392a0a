import { readFileSync } from 'node:fs';
import type { TaskLineage, TaskTimelineExport } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { api, screenshot, waitForChip, STAGE_TIMEOUT } from '../support/page-helpers';

/** Issue 18 (ADR 0036): the completed task's Timeline tab — filters, an opened command, the export — and a fork. */
export const pipelineTimelineForkScenario: Scenario = {
  name: 'pipeline: timeline and a fork',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline, pipelineWeb } = e2e.env;
    const { page, taskId, token } = e2e.pipeline;

    await check(
      'pipeline: the Timeline tab shows model calls, commands, files and approvals in one order',
      async () => {
        await page.goto(`${pipelineWeb.url}/tasks/${taskId}`);
        await page.getByRole('tab', { name: 'Timeline' }).click();
        const entries = page.getByTestId('timeline-entry');
        await entries.first().waitFor();
        const kinds = await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
        for (const kind of ['status', 'model_call', 'command', 'file_change', 'approval', 'checkpoint', 'plan'])
          assert(kinds.includes(kind), `no ${kind} entry in the timeline: ${[...new Set(kinds)].join(', ')}`);
        assert(kinds[0] === 'status', `the timeline starts with ${kinds[0]}`);
        await screenshot(page, 'task-timeline');
      },
    );

    await check('pipeline: a kind chip filters the timeline, and a command opens to its output', async () => {
      await page.getByRole('button', { name: /^Commands/ }).click();
      await page.waitForFunction(() => {
        const items = Array.from(document.querySelectorAll('[data-testid="timeline-entry"]'));
        return items.length > 0 && items.every((item) => item.getAttribute('data-kind') === 'command');
      });
      const testRun = page.locator('[data-testid="timeline-entry"]', { hasText: 'node' }).last();
      await testRun.getByRole('button').first().click();
      const output = testRun.getByTestId('command-output');
      await output.waitFor();
      assert(/pass|ok/.test((await output.textContent()) ?? ''), 'the opened command shows no test output');
      await page.getByRole('button', { name: 'All', exact: true }).click();
    });

    await check('pipeline: Export JSON downloads the timeline as a file', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export JSON' }).click(),
      ]);
      assert(
        download.suggestedFilename() === `task-${taskId}-timeline.json`,
        `saved as ${download.suggestedFilename()}`,
      );
      const file = await download.path();
      const exported = JSON.parse(readFileSync(file, 'utf8')) as TaskTimelineExport;
      assert(
        exported.task.id === taskId && exported.kinds === 'all',
        `export of ${exported.task.id} (${String(exported.kinds)})`,
      );
      assert(
        exported.entries.some((entry) => entry.kind === 'model_call'),
        'the export has no model call',
      );
    });

    await check(
      'pipeline: fork from the checkpoint after the analysis; the fork plans again and links its parent',
      async () => {
        const afterAnalysis = page.locator('[data-testid="checkpoint"][data-node="analyse"]').first();
        await afterAnalysis.getByRole('button', { name: 'Fork from here' }).click();
        const form = page.getByTestId('fork-form');
        await form.waitFor();
        await screenshot(page, 'task-fork-form');
        await form.getByRole('button', { name: 'Start the fork' }).click();
        await page.waitForURL((url) => /\/tasks\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(taskId));
        const forkId = page.url().split('/').at(-1) ?? '';
        e2e.onCleanup(async () => {
          await api(pipeline, token, 'POST', `/tasks/${forkId}/cancel`);
        });
        await page.getByTestId('forked-from').filter({ hasText: 'at analyse' }).waitFor();
        await waitForChip(page, 'awaiting_plan_approval');
        const lineage = await api<TaskLineage>(pipeline, token, 'GET', `/tasks/${taskId}/forks`);
        assert(
          lineage.body.forks.some((fork) => fork.taskId === forkId && fork.node === 'analyse'),
          `the parent does not list the fork: ${JSON.stringify(lineage.body)}`,
        );
        await page.getByTestId('forked-from').getByRole('link').click();
        await page
          .getByTestId('task-forks')
          .filter({ hasText: `#${forkId.slice(0, 8)}` })
          .waitFor({ timeout: STAGE_TIMEOUT });
        await screenshot(page, 'task-forks');
        // The fork waits for its plan's approval; cancelled so it holds no concurrent-task slot for the scenarios after.
        const cancelled = await api(pipeline, token, 'POST', `/tasks/${forkId}/cancel`);
        assert(cancelled.status === 200, `cancelling the fork answered ${cancelled.status}`);
      },
    );
  },
};
