import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { exitOnSignals } from '@patchbay/agent-runtime';
import { attachBudgets, pipelineServicesFromEnv, StoredModelKeys } from '@patchbay/pipeline-services';
import { InProcessBus } from '@patchbay/bus';
import { CodingAgentModule } from '@patchbay/coding-agent-feature';
import { loadConfig } from '@patchbay/config';
import {
  createGatewayApp,
  createGatewayKeyProviders,
  describeStartupLogin,
  describeStartupModel,
  formatStartupSummary,
  gatewayConfigSchema,
  listenGateway,
  serveDashboard,
  startupSummaryFields,
  writeDemoModelScript,
} from '@patchbay/gateway-feature';
import { loadModelConfig } from '@patchbay/model';
import { githubAppClientFromEnv } from '@patchbay/github';
import { GithubAgentModule } from '@patchbay/github-agent-feature';
import { JsonLogger, logFormatFromEnv, startTracing } from '@patchbay/observability';
import {
  CredentialRepository,
  runMigrations,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '@patchbay/persistence';
import { startColocatedSandbox } from '@patchbay/sandbox-runtime';
import { speechSynthesizerFromEnv } from '@patchbay/speech';
import { SupervisorModule } from '@patchbay/supervisor-feature';
import { ResearchAgentModule, researchOptionsFromEnv } from '@patchbay/research-agent-feature';
import { TestingAgentModule } from '@patchbay/testing-agent-feature';

/**
 * `npm start`: every service in one process over the in-process bus — gateway, supervisor,
 * coding, testing, github and research agents, and the sandbox service when Docker answers — with an
 * embedded PostgreSQL when DATABASE_URL is unset. See docs/adr/0002-all-in-one-mode.md.
 */
async function main(): Promise<void> {
  const logger = new JsonLogger('patchbay');
  startTracing('patchbay');
  const config = loadConfig(gatewayConfigSchema);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const port = Number(process.env['EMBEDDED_PG_PORT'] ?? 54329);
    logger.log({ msg: 'DATABASE_URL is not set: starting the embedded PostgreSQL', port, dataDir: config.DATA_DIR });
    embedded = await startEmbeddedPostgres(config.DATA_DIR, port);
    databaseUrl = embedded.url;
  }
  const applied = await runMigrations(databaseUrl);
  if (applied.length > 0) {
    // A fresh database applies every migration: their names are for debugging, the count is what a person reads.
    logger.log({
      msg: `database migrated: ${applied.length} migration(s) applied`,
      latest: applied[applied.length - 1],
    });
    logger.debug({ msg: 'migrations applied', applied });
  }

  // PATCHBAY_SERVICES narrows what this process hosts besides the gateway (default: everything),
  // e.g. to run the gateway all-in-one while the agents run elsewhere, or not at all.
  const hosted = new Set(
    (process.env['PATCHBAY_SERVICES'] ?? 'supervisor,coding-agent,testing-agent,github-agent,research-agent,sandbox')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );

  // The sandbox service runs in this process too unless SANDBOX_URL points at one elsewhere.
  const sandboxToken = process.env['SANDBOX_TOKEN'] ?? randomBytes(24).toString('hex');
  let sandboxUrl = process.env['SANDBOX_URL'];
  let closeSandbox: (() => Promise<void>) | undefined;
  if (!sandboxUrl && hosted.has('sandbox')) {
    try {
      const sandbox = await startColocatedSandbox({
        token: sandboxToken,
        repoRoot: path.resolve(config.DATA_DIR),
        instanceId: `all-in-one-${config.PORT}`,
        env: process.env,
      });
      sandboxUrl = sandbox.url;
      closeSandbox = sandbox.close;
    } catch (error) {
      logger.warn({
        msg: 'the sandbox service could not start; tasks will fail until it can — run npm run doctor',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const url = databaseUrl;
  // With no model configured, the scripted provider replays the offline demo's recorded turns.
  const modelConfig = loadModelConfig(process.env);
  const demo =
    modelConfig.provider === 'scripted' && !modelConfig.scriptedModelFile && process.env['PATCHBAY_DEMO'] !== 'off';
  const demoScript = demo ? writeDemoModelScript(config.DATA_DIR) : undefined;
  if (demo) {
    logger.log({
      msg: 'no model configured: running the offline demo with a scripted model (set OPENAI_BASE_URL / OPENAI_API_KEY for a real one; docs/models.md)',
    });
  }
  const bus = new InProcessBus();
  const keyProviders = createGatewayKeyProviders(config);
  const github = await githubAppClientFromEnv(process.env, () => keyProviders);
  const services = pipelineServicesFromEnv(
    {
      ...process.env,
      SANDBOX_URL: sandboxUrl ?? 'http://127.0.0.1:3100',
      SANDBOX_TOKEN: sandboxToken,
      ...(demoScript ? { SCRIPTED_MODEL_FILE: demoScript } : {}),
    },
    bus,
  );
  // Read before anything starts, so a bad TTS_* variable stops the process with its name.
  const speech = speechSynthesizerFromEnv(process.env);
  const timeouts = {
    codingMs: services.config.CODING_TIMEOUT_MS,
    validationMs: services.config.VALIDATION_TIMEOUT_MS,
    publishMs: services.config.PUBLISH_TIMEOUT_MS,
  };
  const agentModules = {
    supervisor: () =>
      SupervisorModule.forRoot({
        databaseUrl: url,
        sandbox: services.sandbox,
        models: services.models,
        maxRounds: services.config.MAX_VALIDATION_ROUNDS,
        sandboxPausedTtlMs: services.config.SANDBOX_PAUSED_TTL_MS,
        timeouts,
        speech,
        mcpKeyProviders: keyProviders,
      }),
    'coding-agent': () =>
      CodingAgentModule.forRoot({
        sandbox: services.sandbox,
        models: services.models,
        stepBudget: services.config.CODING_STEP_BUDGET,
        mcpKeyProviders: keyProviders,
      }),
    'testing-agent': () => TestingAgentModule.forRoot({ sandbox: services.sandbox }),
    'github-agent': () => GithubAgentModule.forRoot({ github }),
    'research-agent': () =>
      ResearchAgentModule.forRoot({
        ...researchOptionsFromEnv(process.env),
        repositoriesRoot: path.resolve(config.DATA_DIR),
      }),
  } as const;
  const colocated = (Object.keys(agentModules) as Array<keyof typeof agentModules>).filter((name) => hosted.has(name));

  const app = await createGatewayApp({
    config,
    databaseUrl: () => url,
    bus,
    keyProviders,
    github,
    demo: demo && colocated.length === Object.keys(agentModules).length,
    colocated: { services: colocated, modules: colocated.map((name) => agentModules[name]()) },
    logger,
    // Tasks need a sandbox: without an engine this process is up but cannot do its work.
    readiness: [{ name: 'sandbox', check: () => services.sandbox.engineStatus() }],
  });
  // Organisations' stored model keys override OPENAI_API_KEY for their tasks.
  services.models.storedKeys = new StoredModelKeys(app.get(CredentialRepository), keyProviders);
  // Every model call of a task is checked against its budgets first (ADR 0013).
  attachBudgets(app, services.models);
  const dashboard = path.resolve(process.env['WEB_DIST_DIR'] ?? 'dist/apps/web');
  if (!serveDashboard(app, dashboard, { serveSourceMaps: config.SERVE_SOURCE_MAPS }))
    logger.warn(`No dashboard build at ${dashboard}: run "npm run setup" to build it; the API works without it`);
  await app.startAllMicroservices();
  await listenGateway(app, config);
  exitOnSignals(app, logger, 10_000, async () => {
    await closeSandbox?.();
    await embedded?.stop();
  });
  const address = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const summary = {
    url: address,
    login: describeStartupLogin(config.AUTH_MODE),
    model: describeStartupModel(modelConfig, demo),
    sandbox: await services.sandbox.engineStatus(),
  };
  // A person at a terminal gets a block to read; a log collector gets the same facts as one line.
  if (logFormatFromEnv(process.env, process.stdout.isTTY === true) === 'pretty')
    process.stdout.write(formatStartupSummary(summary, process.stdout.isTTY === true && !process.env['NO_COLOR']));
  else logger.log(startupSummaryFields(summary));
}

main().catch((error: unknown) => {
  new JsonLogger('patchbay').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
