/**
 * The platform the real-repository benchmarks run their tasks on: the whole product (gateway,
 * supervisor, agents, gVisor sandbox, local forge) against its own database, with the `openai`
 * provider pointed at the stand-in model server, quotas out of the way, and helpers to register
 * a case's repository and run one task to its settled status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskEvent, TaskUsageView } from '@patchbay/contracts';
import { startPlatformTestApp, uniqueName, type PlatformTestApp } from '@patchbay/testing';
import { benchDatabaseUrl, freshBenchDatabase } from '../bench-support';
import type { CaseDefinition } from './case-definition';
import { buildCaseRepository, type CaseRepository } from './case-repository';
import type { ModelPlayer } from './model-player';
import { startStandInModelServer, type StandInModelServer } from './stand-in-model.server';

/** Where a task stops on its own; paused waits for a human, so the benchmark reads it as the end. */
const SETTLED = new Set(['completed', 'failed', 'cancelled', 'paused']);
const TASK_DEADLINE_MS = 40 * 60_000;
// Production's default wait for a test run (VALIDATION_TIMEOUT_MS): a real suite in gVisor can take
// minutes (more-itertools' ~20k subtests), far beyond the test app's default.
const VALIDATION_TIMEOUT_MS = 20 * 60_000;
/** The model name the platform sends; not one js-tiktoken knows, so the platform counts its tokens with cl100k (high side). */
export const STAND_IN_MODEL = 'stand-in-realrepo';

export interface BenchPlatformOptions {
  /** Its own database: a run drops and recreates it, which must not hit another benchmark's. */
  database: string;
  maxRounds: number;
  /** Extra model settings, e.g. MODEL_CONTEXT_WINDOW. */
  modelEnv?: Record<string, string>;
}

export interface TaskRun {
  /** The settled status, or null when the task did not settle within the deadline. */
  status: string | null;
  events: TaskEvent[];
  usage: TaskUsageView;
}

export interface BenchPlatform {
  readonly model: StandInModelServer;
  /** Builds the case's starting repository and registers it as `bench/<case id>`. */
  registerCase(definition: CaseDefinition): Promise<CaseRepository>;
  /** Runs the case's task with both approvals automatic, answered by `player`, until it settles. */
  runTask(definition: CaseDefinition, player: ModelPlayer): Promise<TaskRun>;
  close(): Promise<void>;
}

export async function startBenchPlatform(options: BenchPlatformOptions): Promise<BenchPlatform> {
  const workspace = mkdtempSync(join(tmpdir(), 'patchbay-realrepo-'));
  const model = await startStandInModelServer();
  await freshBenchDatabase(options.database);
  const platform = await startPlatformTestApp({
    databaseUrl: benchDatabaseUrl(options.database),
    maxRounds: options.maxRounds,
    sandboxPausedTtlMs: 60_000,
    logger: false,
    modelEnv: {
      MODEL_PROVIDER: 'openai',
      OPENAI_BASE_URL: model.baseUrl,
      OPENAI_API_KEY: 'sk-bench-local',
      MODEL_DEFAULT: STAND_IN_MODEL,
      ...options.modelEnv,
    },
    timeouts: { validationMs: VALIDATION_TIMEOUT_MS },
  });
  const admin = await platform.login(uniqueName('bench'), uniqueName('bench'));
  const auth = { authorization: `Bearer ${admin.token}` };
  for (const scope of ['organisation', 'user'] as const) {
    const who = scope === 'user' ? { userId: admin.userId } : {};
    await platform.http
      .put('/api/v1/admin/quotas')
      .set(auth)
      .send({ scope, ...who, kind: 'tasks_per_day', limit: 10_000 })
      .expect(200);
    await platform.http
      .put('/api/v1/admin/quotas')
      .set(auth)
      .send({ scope, ...who, kind: 'concurrent_tasks', limit: 100 })
      .expect(200);
  }
  return {
    model,
    registerCase: async (definition) => {
      const repository = buildCaseRepository(definition, join(workspace, definition.id));
      await platform.http
        .post('/api/v1/repositories')
        .set(auth)
        .send({
          source: 'local',
          fullName: `bench/${definition.id}`,
          importFrom: repository.path,
          ...(definition.settings ? { settings: definition.settings } : {}),
        })
        .expect(201);
      return repository;
    },
    runTask: async (definition, player) => {
      model.play(player);
      try {
        const taskId = (
          await platform.http
            .post('/api/v1/tasks')
            .set(auth)
            .send({
              repository: `bench/${definition.id}`,
              prompt: definition.prompt,
              autoApprove: { plan: true, diff: true },
            })
            .expect(201)
        ).body.id as string;
        const status = await waitForSettled(platform, auth, taskId);
        const events = (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth)).body as TaskEvent[];
        const usage = (await platform.http.get(`/api/v1/tasks/${taskId}/usage`).set(auth)).body as TaskUsageView;
        // A paused task keeps its sandbox for a human; the benchmark has read what it needs.
        if (status !== 'completed' && status !== 'failed' && status !== 'cancelled')
          await platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(auth);
        return { status, events, usage };
      } finally {
        model.play(null);
      }
    },
    close: async () => {
      await platform.closeAll();
      await model.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

async function waitForSettled(
  platform: PlatformTestApp,
  auth: { authorization: string },
  taskId: string,
): Promise<string | null> {
  const deadline = Date.now() + TASK_DEADLINE_MS;
  while (Date.now() < deadline) {
    const status = (await platform.http.get(`/api/v1/tasks/${taskId}`).set(auth)).body.status as string;
    if (SETTLED.has(status)) return status;
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
  return null;
}

export const TASK_DEADLINE_MINUTES = TASK_DEADLINE_MS / 60_000;
