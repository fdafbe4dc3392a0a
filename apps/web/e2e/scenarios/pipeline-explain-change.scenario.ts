import type { TaskEvent } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { EXPLANATION_ANSWER, EXPLANATION_QUESTION } from '../support/greeter-script';
import { assert } from '../support/harness';
import { api, screenshot, STAGE_TIMEOUT, waitForChip } from '../support/page-helpers';

export const pipelineExplainChangeScenario: Scenario = {
  name: 'pipeline: explain this change',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline } = e2e.env;
    const { page, taskId, token } = e2e.pipeline;

    await check('pipeline: at diff review the reviewer asks about a changed line and reads the answer', async () => {
      await waitForChip(page, 'awaiting_diff_approval');
      await page.getByRole('tab', { name: 'Diff' }).click();
      await page.getByRole('tab', { name: /src\/greet\.js \+1 -1/ }).waitFor();
      const panel = page.getByRole('region', { name: 'Explain this change' });
      await panel.getByLabel('Lines of this file').check();
      await panel.getByLabel('From line').fill('1');
      await panel.getByLabel('to', { exact: true }).fill('1');
      await panel.getByLabel('Your question').fill(EXPLANATION_QUESTION);
      await panel.getByRole('button', { name: 'Ask the reviewer model' }).click();
      const answered = panel.locator('[data-testid="explanation"][data-status="answered"]');
      await answered.waitFor({ timeout: STAGE_TIMEOUT });
      const answer = await answered.getByTestId('explanation-answer').textContent();
      assert(answer === EXPLANATION_ANSWER, `answer shown as ${answer}`);
      const scope = (await answered.textContent()) ?? '';
      assert(scope.includes('src/greet.js:1') && scope.includes(EXPLANATION_QUESTION), `explanation shown as ${scope}`);
      await screenshot(page, 'task-explain-change');
      // Kept with the task: the exchange is on its log, whole.
      const events = await api<TaskEvent[]>(pipeline, token, 'GET', `/tasks/${taskId}/events`);
      const kept = events.body.find((event) => event.type === 'explanation_answered');
      assert(
        kept?.type === 'explanation_answered' &&
          kept.payload.answer === EXPLANATION_ANSWER &&
          kept.payload.question === EXPLANATION_QUESTION &&
          kept.payload.file === 'src/greet.js',
        `the task's log holds ${JSON.stringify(kept?.payload)}`,
      );
    });
  },
};
