import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';
import { screenshot, logSeqs, STAGE_TIMEOUT } from '../support/page-helpers';

export const pipelineExecutionScenario: Scenario = {
  name: 'pipeline: execution in the live log',
  journey: 'pipeline',
  async run(e2e, check) {
    const { page } = e2e.pipeline;

    await check('pipeline: live log lines from the coding and testing agents arrive as they work', async () => {
      await page.getByRole('tab', { name: 'Live log' }).click();
      await page.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
      await page
        .locator('[data-testid="log-line"][data-type="checkpoint_reached"][data-agent="gateway"]', {
          hasText: 'plan version 2 approved by carol',
        })
        .waitFor();
      await page
        .locator('[data-testid="log-line"][data-agent="supervisor"]', {
          hasText: 'Continuing with the plan as edited (2 steps, 1 target test)',
        })
        .waitFor({ timeout: STAGE_TIMEOUT });
      await page
        .locator('[data-testid="log-line"][data-type="file_modified"][data-agent="coding-agent"]', {
          hasText: 'src/greet.js',
        })
        .waitFor({ timeout: STAGE_TIMEOUT });
      await page
        .locator('[data-testid="log-line"][data-type="test_results"][data-agent="testing-agent"]', {
          hasText: 'tests (after): 2 passed, 0 failed',
        })
        .waitFor({ timeout: STAGE_TIMEOUT });
      const seqs = await logSeqs(page);
      // The page has not been reloaded since the plan review: every later line came over the WebSocket.
      assert(seqs.length > e2e.pipeline.eventsAtPlanReview, 'no new lines arrived while watching');
      assert(
        new Set(seqs).size === seqs.length && seqs.every((seq, index) => seq === index + 1),
        `log seqs are not gap-free: ${seqs.join(',')}`,
      );
      await screenshot(page, 'task-log');
    });

    await check(
      'pipeline: command output expanded — a test run opens to its stdout, colours rendered, exit code shown once',
      async () => {
        const run = page
          .locator('[data-testid="log-line"][data-type="command_executed"][data-agent="testing-agent"]')
          .last();
        const badges = await run.getByText(/^exit \d+$/).count();
        assert(
          badges === 1 && !(await run.textContent())?.match(/exit \d+.*exit \d+/),
          `the exit code is not shown exactly once: ${await run.textContent()}`,
        );
        await run.getByRole('button', { name: 'Show output' }).click();
        const output = page.getByTestId('command-output').last();
        await output.waitFor();
        const text = (await output.textContent()) ?? '';
        assert(/pass/.test(text), `the expanded output does not show the test run: ${text.slice(0, 300)}`);
        // The test results name the run they came from.
        await page
          .locator('[data-testid="log-line"][data-type="test_results"]', { hasText: 'tests (after)' })
          .last()
          .getByTestId('test-run-link')
          .waitFor();
        await page.getByTestId('attempt-label').first().waitFor();
        // The command's line at the top of the log, its output below it.
        await run.evaluate((line) => line.scrollIntoView({ block: 'start' }));
        await screenshot(page, 'task-command-output');
      },
    );

    await check(
      'pipeline: the Configuration tab shows what the task runs under and where each setting came from',
      async () => {
        await page.getByRole('tab', { name: 'Configuration' }).click();
        const file = (await page.getByTestId('config-file').textContent()) ?? '';
        assert(file === 'none (.patchbay.yml not found)', `configuration file shown as ${file}`);
        const rows = await page.getByTestId('config-setting').allTextContents();
        assert(
          rows.length === 10 && rows.some((row) => row.startsWith('networknone')),
          `settings rows ${JSON.stringify(rows)}`,
        );
        await screenshot(page, 'task-configuration');
      },
    );
  },
};
