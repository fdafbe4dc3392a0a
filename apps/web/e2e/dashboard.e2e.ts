/**
 * Browser end-to-end test of the web dashboard against the real platform: the all-in-one
 * backend (gateway, supervisor, embedded PostgreSQL) on free ports, the built SPA served with
 * /api and /ws proxied, and Debian's Chromium driven by playwright-core.
 *
 * The test is a list of named scenarios (apps/web/e2e/scenarios/), run in order. Scenarios of one
 * journey share a browser page and build on each other: the dashboard journey against the gateway
 * alone, the pipeline journey against every service with real sandboxes and the scripted model.
 *
 * Run: node tools/runtime/run-ts.js apps/web/e2e/dashboard.e2e.ts [--report reports/web-e2e.json]
 * Ends with `web e2e: N passed, M failed` (checks); exits non-zero on any failure. The report
 * carries the totals and each scenario's status, duration and checks.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startE2eEnvironment, type E2e, type Scenario } from './support/e2e-environment';
import { Harness } from './support/harness';
import { api, screenshot } from './support/page-helpers';
import type { TaskEvent } from '@patchbay/contracts';
import { adminConsoleScenario } from './scenarios/admin-console.scenario';
import { documentationScreenshotsScenario } from './scenarios/documentation-screenshots.scenario';
import { newTaskScenario } from './scenarios/new-task.scenario';
import { pageErrorsScenario } from './scenarios/page-errors.scenario';
import { pipelineBacklogPlannerScenario } from './scenarios/pipeline-backlog-planner.scenario';
import { pipelineCancelScenario } from './scenarios/pipeline-cancel.scenario';
import { pipelineDashboardKeyboardScenario } from './scenarios/pipeline-dashboard-keyboard.scenario';
import { pipelineDiffReviewScenario } from './scenarios/pipeline-diff-review.scenario';
import { pipelineExecutionScenario } from './scenarios/pipeline-execution.scenario';
import { pipelineExplainChangeScenario } from './scenarios/pipeline-explain-change.scenario';
import { pipelineNewTaskScenario } from './scenarios/pipeline-new-task.scenario';
import { pipelinePlanReviewScenario } from './scenarios/pipeline-plan-review.scenario';
import { pipelinePullRequestScenario } from './scenarios/pipeline-pull-request.scenario';
import { pipelineRolesAndAdminScenario } from './scenarios/pipeline-roles-and-admin.scenario';
import { pipelineTimelineForkScenario } from './scenarios/pipeline-timeline-fork.scenario';
import { planEditorScenario } from './scenarios/plan-editor.scenario';
import { settingsAndDashboardScenario } from './scenarios/settings-and-dashboard.scenario';
import { signInScenario } from './scenarios/sign-in.scenario';
import { taskLiveLogScenario } from './scenarios/task-live-log.scenario';
import { viewerAndSessionScenario } from './scenarios/viewer-and-session.scenario';

/** In run order: each journey's scenarios build on the ones before them. */
const SCENARIOS: readonly Scenario[] = [
  signInScenario,
  newTaskScenario,
  taskLiveLogScenario,
  planEditorScenario,
  adminConsoleScenario,
  settingsAndDashboardScenario,
  viewerAndSessionScenario,
  pipelineNewTaskScenario,
  pipelineBacklogPlannerScenario,
  pipelinePlanReviewScenario,
  pipelineExecutionScenario,
  pipelineExplainChangeScenario,
  pipelineDiffReviewScenario,
  pipelinePullRequestScenario,
  pipelineDashboardKeyboardScenario,
  pipelineCancelScenario,
  pipelineTimelineForkScenario,
  pipelineRolesAndAdminScenario,
  documentationScreenshotsScenario,
  pageErrorsScenario,
];

const harness = new Harness();
const cleanups: Array<() => Promise<void> | void> = [];
let workDir: string | null = null;
let keepWorkDir = process.env['E2E_KEEP'] === '1';

async function cleanup(): Promise<void> {
  for (const step of cleanups.reverse()) {
    try {
      await step();
    } catch (error) {
      console.error('[e2e] cleanup step failed:', error);
    }
  }
  cleanups.length = 0;
  if (workDir && !keepWorkDir) rmSync(workDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

/** Evidence for a failed check: a screenshot of the journey's page, the console, the pipeline task's events; the work directory is kept. */
function saveEvidence(e2e: E2e) {
  return async (journey: string, check: string): Promise<void> => {
    const page = journey === 'pipeline' ? e2e.pipeline.page : e2e.dashboard.page;
    await screenshot(page, `failure-${check.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    console.log(`[e2e] page console (last 20 lines):\n${e2e.env.consoleLines.slice(-20).join('\n')}`);
    if (journey === 'pipeline' && e2e.pipeline.taskId && e2e.pipeline.token) {
      const events = await api<TaskEvent[]>(
        e2e.env.pipeline,
        e2e.pipeline.token,
        'GET',
        `/tasks/${e2e.pipeline.taskId}/events`,
      ).catch(() => null);
      console.log(
        `[e2e] pipeline task events:\n${(events?.body ?? []).map((e) => `${e.seq} ${e.agent} ${e.type} ${JSON.stringify(e.payload).slice(0, 200)}`).join('\n')}`,
      );
    }
    console.log(`[e2e] backend logs: ${e2e.env.workDir} (kept)`);
    keepWorkDir = true;
  };
}

async function main(): Promise<void> {
  console.log('[e2e] web dashboard end-to-end');
  const e2e = await startE2eEnvironment((step) => void cleanups.push(step));
  workDir = e2e.env.workDir;
  harness.onFailure = saveEvidence(e2e);
  for (const scenario of SCENARIOS)
    await harness.scenario(scenario.name, scenario.journey, (check) => scenario.run(e2e, check));
}

main()
  .catch((error: unknown) => {
    harness.recordFailure('e2e setup', error);
    keepWorkDir = true;
  })
  .finally(async () => {
    await cleanup();
    for (const scenario of harness.scenarios)
      console.log(`[e2e] ${scenario.status.padEnd(7)} ${String(scenario.durationMs).padStart(7)} ms  ${scenario.name}`);
    console.log(`web e2e: ${harness.passed} passed, ${harness.failed} failed`);
    // `--report <file>`: the totals as JSON, for the CI summary across all suites, with each scenario's outcome.
    const reportAt = process.argv.indexOf('--report');
    const reportFile = reportAt > 0 ? process.argv[reportAt + 1] : undefined;
    if (reportFile) {
      mkdirSync(path.dirname(path.resolve(reportFile)), { recursive: true });
      writeFileSync(reportFile, JSON.stringify(harness.report(), null, 2));
    }
    process.exit(harness.failed === 0 && harness.passed > 0 ? 0 : 1);
  });
