import { eventsOfType, type TaskEvent, type TaskView } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { GREETER_PLAN, REWORDED_STEP } from '../support/greeter-script';
import { assert } from '../support/harness';
import { api, screenshot, waitForChip, STAGE_TIMEOUT } from '../support/page-helpers';

export const pipelinePlanReviewScenario: Scenario = {
  name: 'pipeline: plan review',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline } = e2e.env;
    const { page, taskId, token } = e2e.pipeline;

    await check("pipeline: the task analyses and plans; the Plan tab shows the planner's plan", async () => {
      await waitForChip(page, 'awaiting_plan_approval');
      // The page switches to the Plan tab by itself when the plan awaits approval.
      await page.getByTestId('plan-editor').waitFor();
      assert(
        (await page.locator('[data-testid="plan-step"]').count()) === 2,
        'the plan does not show the two planned steps',
      );
      assert(
        (await page.getByLabel('Step 1 title').inputValue()) === GREETER_PLAN.steps[0]?.title,
        'step 1 is not the planned one',
      );
      await page.getByText(GREETER_PLAN.summary).waitFor();
      const events = (await api<TaskEvent[]>(pipeline, token, 'GET', `/tasks/${taskId}/events`)).body;
      const statuses = events.filter((e) => e.type === 'status_changed').map((e) => e.payload['to']);
      assert(
        statuses.join(',') === 'queued,analysing,planning,awaiting_plan_approval',
        `statuses so far: ${statuses.join(',')}`,
      );
      const planReady = events.find((e) => e.type === 'plan_ready');
      assert(
        planReady && planReady.payload['model'] === 'scripted model',
        `plan_ready ${JSON.stringify(planReady?.payload)}`,
      );
      e2e.pipeline.planReadyHash = String(planReady.payload['contentHash']);
      e2e.pipeline.eventsAtPlanReview = events.length;
    });

    await check(
      "pipeline: an 'awaiting my review' count in the navigation and the title, and the list behind it",
      async () => {
        const count = page.getByRole('navigation', { name: 'Main' }).getByTestId('awaiting-review-count');
        await page.waitForFunction(() => document.title === '(1) Patchbay');
        assert((await count.textContent()) === '1', `nav count ${await count.textContent()}`);
        const listed = await api<{ items: TaskView[]; count: number }>(pipeline, token, 'GET', '/reviews/awaiting-me');
        assert(
          listed.status === 200 && listed.body.count === 1 && listed.body.items[0]?.id === taskId,
          `awaiting-me ${JSON.stringify(listed.body)}`,
        );
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: /^Awaiting my review/ })
          .click();
        await page
          .locator(`[data-testid="awaiting-review"] [data-testid="task-row"][data-task-id="${taskId}"]`)
          .waitFor();
        await page
          .locator(`[data-testid="awaiting-review"] [data-testid="task-row"][data-task-id="${taskId}"] a`, {
            hasText: 'Fix the failing greeting test',
          })
          .click();
        await page.getByTestId('plan-editor').waitFor();
      },
    );

    await check('pipeline: reword a step and approve; the pipeline continues with the edited plan', async () => {
      // The review record names the version the reviewer opened; the approval carries it.
      await page.locator('[data-testid="plan-editor"][data-plan-version="1"]').waitFor();
      await page.getByLabel('Step 1 title').fill(REWORDED_STEP);
      await page.getByRole('button', { name: 'Approve edited plan (2 steps)' }).waitFor();
      await screenshot(page, 'task-plan');
      const sent = page.waitForRequest((request) => request.url().endsWith(`/tasks/${taskId}/plan/approve`));
      await page.getByRole('button', { name: 'Approve edited plan (2 steps)' }).click();
      const body = (await sent).postDataJSON() as {
        steps?: Array<{ id: string; title: string }>;
        baseVersion?: number;
      };
      assert(
        body.steps?.map((step) => step.title).join(' | ') === `${REWORDED_STEP} | ${GREETER_PLAN.steps[1]?.title}`,
        `approved steps ${JSON.stringify(body.steps)}`,
      );
      await page
        .locator('[data-testid="task-page"] [data-testid="status-chip"]:not([data-status="awaiting_plan_approval"])')
        .first()
        .waitFor({ timeout: STAGE_TIMEOUT });
      const events = (await api<TaskEvent[]>(pipeline, token, 'GET', `/tasks/${taskId}/events`)).body;
      const approval = eventsOfType(events, 'checkpoint_reached').find((e) => e.payload.subject === 'plan');
      assert(
        approval && approval.payload.decision === 'approved' && approval.payload.by === 'carol',
        `plan approval event ${JSON.stringify(approval?.payload)}`,
      );
      // The gateway stores an edited plan as a new version, so the approval names a different hash.
      assert(approval.payload.contentHash !== e2e.pipeline.planReadyHash, 'the approval is for the unedited plan');
      assert(
        approval.payload.planVersion === 2 && body.baseVersion === 1,
        `approval of version ${String(approval.payload.planVersion)} sent from version ${String(body.baseVersion)}`,
      );
    });

    await check(
      'pipeline: after approval the Plan tab shows the approved, edited plan with who edited and approved it',
      async () => {
        await page.getByRole('tab', { name: 'Plan' }).click();
        await page
          .locator('[data-testid="plan-version"]', { hasText: 'Version 2 · edited by carol · approved by carol' })
          .waitFor();
        const titles = await page.locator('[data-testid="plan-step"] span.block').allTextContents();
        assert(
          titles.join(' | ') === `${REWORDED_STEP} | ${GREETER_PLAN.steps[1]?.title}`,
          `the Plan tab shows ${JSON.stringify(titles)}, not the approved plan`,
        );
        assert(
          (await page.locator('[data-testid="plan-stale"]').count()) === 0,
          'the approver is told their own edits were not applied',
        );
        await page
          .locator('[data-testid="review-decision"]', { hasText: 'Plan version 2 approved by carol' })
          .waitFor();
        const record = await api<{ plans: Array<{ version: number; editedBy: { login: string } | null }> }>(
          pipeline,
          token,
          'GET',
          `/tasks/${taskId}/review`,
        );
        assert(
          record.body.plans.map((plan) => `${plan.version}:${plan.editedBy?.login ?? 'planner'}`).join(',') ===
            '1:planner,2:carol',
          `plan versions ${JSON.stringify(record.body.plans)}`,
        );
      },
    );
  },
};
