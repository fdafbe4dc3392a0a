import type { Scenario } from '../support/e2e-environment';
import { DIFF_FEEDBACK, INLINE_COMMENT } from '../support/greeter-script';
import { assert } from '../support/harness';
import { screenshot, waitForChip, STAGE_TIMEOUT } from '../support/page-helpers';

export const pipelineDiffReviewScenario: Scenario = {
  name: 'pipeline: diff review',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline } = e2e.env;
    const { page, taskId, token } = e2e.pipeline;

    await check('pipeline: the Diff tab shows the real change; approving it opens a pull request', async () => {
      await waitForChip(page, 'awaiting_diff_approval');
      await page.getByRole('tab', { name: 'Diff' }).click();
      await page.getByRole('tab', { name: /src\/greet\.js \+1 -1/ }).waitFor();
      // Syntax highlighting splits the line into tokens: match the added line's whole text.
      await page
        .getByTestId('diff-view')
        .locator('td.diff-code-insert', { hasText: '`Hello, ${name}!`' })
        .first()
        .waitFor();
      const diff = await fetch(`${pipeline.url}/api/v1/tasks/${taskId}/diff`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert(
        (await diff.text()).includes('+exports.greet = (name) => `Hello, ${name}!`;'),
        'the server diff lacks the fix',
      );
      // Side by side, highlighted, with an inline comment on the changed line (kept in the review, not sent: the diff is approved).
      await page.getByRole('button', { name: 'Side by side' }).click();
      await page.locator('[data-testid="diff-view"][data-view-type="split"] table.diff-split').waitFor();
      assert(
        (await page.locator('td.diff-code-insert .token.template-string').count()) > 0,
        'the added line is not syntax highlighted',
      );
      await page.getByRole('button', { name: 'Comment on src/greet.js:1', exact: true }).click();
      await page.getByRole('textbox', { name: 'Comment on src/greet.js:1' }).fill(INLINE_COMMENT);
      await page.getByRole('button', { name: 'Add comment' }).click();
      await page.getByTestId('line-comment').getByText(INLINE_COMMENT).waitFor();
      await screenshot(page, 'task-diff');
      // Approving over an unsent comment asks first; Cancel keeps the comment and sends nothing.
      await page.getByRole('button', { name: 'Approve and open PR' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Unsent review' });
      await confirm.getByText('You have 1 unsent inline comment.').waitFor();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('line-comment').getByText(INLINE_COMMENT).waitFor();
    });

    await check(
      'pipeline: "Request changes" sends feedback and the inline comment; both stay visible on the task afterwards',
      async () => {
        await page.getByRole('button', { name: 'Request changes… (1)' }).click();
        await page.getByLabel('What should change?').fill(DIFF_FEEDBACK);
        await page.getByRole('button', { name: 'Send to the coding agent' }).click();
        await page
          .locator('[data-testid="task-page"] [data-testid="status-chip"]:not([data-status="awaiting_diff_approval"])')
          .first()
          .waitFor({ timeout: STAGE_TIMEOUT });
        const decision = page.locator('[data-testid="review-decision"]', { hasText: 'Changes requested by carol' });
        await decision.waitFor();
        assert(
          (await decision.getByTestId('review-feedback').textContent()) === DIFF_FEEDBACK,
          `feedback shown as ${await decision.getByTestId('review-feedback').textContent()}`,
        );
        assert(
          (await decision.getByTestId('review-comment').textContent()) === `src/greet.js:1 ${INLINE_COMMENT}`,
          `inline comment shown as ${await decision.getByTestId('review-comment').textContent()}`,
        );
        await page.getByRole('tab', { name: 'Live log' }).click();
        await page
          .locator('[data-testid="log-line"][data-type="checkpoint_reached"]', {
            hasText: `diff rejected by carol: “${DIFF_FEEDBACK}”, 1 inline comment`,
          })
          .waitFor();
        // The second round ends with the diff up for review again; the record still holds what was said.
        await waitForChip(page, 'awaiting_diff_approval');
        await page.getByRole('tab', { name: 'Diff' }).click();
        await page
          .locator('[data-testid="review-decision"]', { hasText: 'Changes requested by carol' })
          .getByText(INLINE_COMMENT)
          .waitFor();
        await screenshot(page, 'task-review-record');
        assert((await page.getByTestId('line-comment').count()) === 0, 'the sent comment is still a draft');
        // Each round's change was kept: the first attempt can be looked at, read-only, then back to the diff under review.
        const attemptPicker = page.getByRole('combobox', { name: 'Show the diff of' });
        await attemptPicker.selectOption({ index: 1 });
        await page.locator('[data-testid="diff-view"][data-attempt="1"]').waitFor();
        await page.getByTestId('attempt-diff-note').waitFor();
        assert(
          (await page.getByRole('button', { name: 'Approve and open PR' }).count()) === 0,
          'an earlier attempt offers approval',
        );
        await attemptPicker.selectOption('latest');
        await page.locator('[data-testid="diff-view"][data-attempt="latest"]').waitFor();
        await page.getByRole('button', { name: 'Approve and open PR' }).click();
      },
    );
  },
};
