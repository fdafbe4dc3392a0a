import type { BacklogProjectView } from '@patchbay/contracts';
import type { Scenario } from '../support/e2e-environment';
import { BACKLOG_MILESTONES, BACKLOG_PROJECT } from '../support/greeter-script';
import { assert } from '../support/harness';
import { api, nav, screenshot, sessionToken, STAGE_TIMEOUT, TIMEOUT } from '../support/page-helpers';

export const pipelineBacklogPlannerScenario: Scenario = {
  name: 'pipeline: backlog planner conversation',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline, pipelineWeb } = e2e.env;
    // Its own page of the signed-in pipeline session: the journey's page stays on its task, and
    // the planner's conversation runs while that task plans, on its own replay of the script.
    const page = await e2e.pipeline.page.context().newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (error) => e2e.env.pageErrors.push(`backlog: ${error.message}`));
    e2e.onCleanup(() => page.close());
    await page.goto(`${pipelineWeb.url}/`);

    await check(
      'pipeline: a goal → the planner’s patch shown as a tree diff → accept → the tree shows the tasks',
      async () => {
        await nav(page, 'Projects').click();
        await page.getByLabel('Title').fill(BACKLOG_PROJECT.title);
        await page.getByLabel('Goal').fill(BACKLOG_PROJECT.goal);
        await page.getByRole('button', { name: 'Create project' }).click();
        await page.getByTestId('backlog-project-page').waitFor();
        assert(new URL(page.url()).pathname.startsWith('/backlog/'), `the new project opened at ${page.url()}`);
        await page.getByRole('button', { name: 'Start planning with the planner' }).click();
        await page.getByLabel('Message to the planner').fill('Plan this goal');
        await page.getByTestId('backlog-chat').getByRole('button', { name: 'Send', exact: true }).click();

        // The planner answers through the supervisor; its patch is shown as the tree it leads to.
        const proposal = page.locator('[data-testid="backlog-proposal"][data-state="pending"]');
        await proposal.waitFor({ timeout: STAGE_TIMEOUT });
        const added = await proposal
          .locator('[data-testid="patch-diff-row"][data-change="added"] [data-testid="patch-diff-title"]')
          .allTextContents();
        assert(
          JSON.stringify(added) === JSON.stringify(BACKLOG_MILESTONES),
          `the diff shows ${JSON.stringify(added)} added`,
        );
        await screenshot(page, 'backlog-proposal');

        await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
        await page.locator('[data-testid="backlog-proposal"][data-state="accepted"]').waitFor();
        await page.locator('[data-testid="backlog-project-version"]', { hasText: '1' }).waitFor();
        const tree = await page.getByTestId('backlog-item-title').allTextContents();
        assert(JSON.stringify(tree) === JSON.stringify(BACKLOG_MILESTONES), `the tree shows ${JSON.stringify(tree)}`);
        await page.locator('[data-testid="backlog-version"]', { hasText: 'v1' }).waitFor();
        await screenshot(page, 'backlog-project');

        // The server holds the same: version 1, made from the accepted proposal.
        const projects = await api<BacklogProjectView[]>(
          pipeline,
          await sessionToken(page),
          'GET',
          '/backlog/projects',
        );
        const stored = projects.body.find((project) => project.title === BACKLOG_PROJECT.title);
        assert(stored?.version === 1, `the project is stored at version ${stored?.version}`);
      },
    );
  },
};
