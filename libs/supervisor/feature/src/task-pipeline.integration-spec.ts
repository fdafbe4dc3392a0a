import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TaskEvent, TaskStatus } from '@patchbay/contracts';
import { InProcessBus, queueTopology, RabbitMqBus, type MessageBus } from '@patchbay/bus';
import {
  asDatabaseOwner,
  createGitRepository,
  startPlatformTestApp,
  testAmqpUrl,
  uniqueName,
  waitForTaskStatus,
  type PlatformTestApp,
  GREETER_FIX,
  GREETER_PROJECT,
} from '@patchbay/testing';
import { connect } from 'amqplib';

const PLAN = {
  summary: 'Fix the greeting format',
  steps: [
    {
      id: '1',
      title: 'Make greet() return "Hello, <name>!"',
      detail: 'Edit the string template.',
      files: ['src/greet.js'],
    },
  ],
};

/** Empties the pipeline's queues so messages of earlier runs cannot reach this one. */
async function freshQueues(): Promise<void> {
  const connection = await connect(testAmqpUrl());
  const channel = await connection.createChannel();
  for (const service of ['supervisor', 'gateway', 'coding-agent', 'testing-agent', 'github-agent'] as const) {
    for (const queue of Object.values(queueTopology(service))) await channel.deleteQueue(queue);
  }
  await connection.close();
}

describe.each([
  ['the in-process bus (all-in-one)', (): MessageBus => new InProcessBus({ maxAttempts: 2, initialDelayMs: 50 })],
  ['RabbitMQ', (): MessageBus => new RabbitMqBus(testAmqpUrl())],
] as const)(
  'task pipeline end to end over %s (real gVisor sandbox, real Postgres, scripted model)',
  (busName, makeBus) => {
    let platform: PlatformTestApp;
    let token: string;
    let organisationId: string;

    beforeAll(async () => {
      if (busName === 'RabbitMQ') await freshQueues();
      platform = await startPlatformTestApp({
        bus: makeBus(),
        script: {
          label: 'greeter fix',
          turns: [
            { role: 'planner', toolCalls: [{ name: 'submit_plan', args: PLAN }] },
            { role: 'coder', toolCalls: [{ name: 'read_file', args: { path: 'src/greet.js' } }] },
            { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
            { role: 'coder', content: 'greet() now returns "Hello, <name>!".' },
          ],
        },
      });
      const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
      token = admin.token;
      organisationId = admin.organisationId;
      await platform.http
        .post('/api/v1/repositories')
        .set(auth())
        .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
        .expect(201);
    }, 120_000);

    afterAll(() => platform?.closeAll());

    function auth() {
      return { authorization: `Bearer ${token}` };
    }

    const waitForStatus = (taskId: string, wanted: TaskStatus) => waitForTaskStatus(platform, auth(), taskId, wanted);

    it('turns a prompt into an approved, tested pull request on the local forge', async () => {
      const created = await platform.http
        .post('/api/v1/tasks')
        .set(auth())
        .send({ repository: 'acme/greeter', prompt: 'Fix the failing greeting test' })
        .expect(201);
      const taskId = created.body.id as string;

      await waitForStatus(taskId, 'awaiting_plan_approval');
      await platform.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(auth()).send({}).expect(200);

      await waitForStatus(taskId, 'awaiting_diff_approval');
      const diff = await platform.http.get(`/api/v1/tasks/${taskId}/diff`).set(auth()).expect(200);
      expect(diff.text).toContain('+exports.greet = (name) => `Hello, ${name}!`;');
      await platform.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(auth()).expect(200);

      await waitForStatus(taskId, 'completed');
      const events = (await platform.http.get(`/api/v1/tasks/${taskId}/events`).set(auth()).expect(200))
        .body as TaskEvent[];
      const statuses = events.filter((e) => e.type === 'status_changed').map((e) => e.payload['to']);
      expect(statuses).toEqual([
        'queued',
        'analysing',
        'planning',
        'awaiting_plan_approval',
        'executing',
        'validating',
        'awaiting_diff_approval',
        'publishing',
        'completed',
      ]);
      for (const type of [
        'plan_ready',
        'file_modified',
        'command_executed',
        'test_results',
        'diff_ready',
        'pr_created',
      ]) {
        expect({ type, present: events.some((e) => e.type === type) }).toEqual({ type, present: true });
      }
      const results = events
        .filter((e) => e.type === 'test_results')
        .map((e) => [e.payload['phase'], e.payload['passed'], e.payload['failed']]);
      expect(results).toEqual([
        ['baseline', 1, 1],
        ['after', 2, 0],
      ]);

      // The branch exists in the bare repository, holds the fix, and the project's tests pass on it.
      const pr = events.find((e) => e.type === 'pr_created')!.payload as {
        branch: string;
        headSha: string;
        number: number;
      };
      expect(pr.branch).toMatch(/^patchbay\/\d{8}-\d{6}-fix-the-failing-greeting-test-[0-9a-f]{6}$/);
      const bare = (
        await asDatabaseOwner((db) =>
          db.query("SELECT clone_url FROM repositories WHERE organisation_id = $1 AND full_name = 'acme/greeter'", [
            organisationId,
          ]),
        )
      ).rows[0].clone_url as string;
      const checkout = mkdtempSync(path.join(os.tmpdir(), 'patchbay-pr-'));
      execFileSync('git', ['clone', '-q', '--branch', pr.branch, bare, checkout]);
      expect(execFileSync('git', ['log', '-1', '--format=%s%n%b'], { cwd: checkout }).toString()).toMatch(
        /^fix: fix the failing greeting test[\s\S]*Co-authored-by: /,
      );
      execFileSync(process.execPath, ['--test'], { cwd: checkout, stdio: 'pipe' });
      expect(execFileSync('git', ['rev-parse', 'main'], { cwd: bare }).toString()).not.toContain(pr.headSha);

      const rows = (
        await asDatabaseOwner((db) =>
          db.query('SELECT number, head_branch, head_sha, body FROM pull_requests WHERE task_id = $1', [taskId]),
        )
      ).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ number: pr.number, head_branch: pr.branch, head_sha: pr.headSha });
      expect(rows[0].body).toContain('| after | 2 | 0 | 0 |');
      expect(rows[0].body).toContain('Model: scripted model');

      // Merging it from the API fast-forwards the base branch; a second merge is refused.
      const view = await platform.http.get(`/api/v1/tasks/${taskId}/pull-request`).set(auth()).expect(200);
      expect(view.body).toMatchObject({ number: pr.number, headBranch: pr.branch, baseBranch: 'main', state: 'open' });
      const merged = await platform.http.post(`/api/v1/tasks/${taskId}/pull-request/merge`).set(auth()).expect(200);
      expect(merged.body).toMatchObject({ state: 'merged', fastForward: true, mergedSha: pr.headSha });
      expect(execFileSync('git', ['rev-parse', 'main'], { cwd: bare }).toString().trim()).toBe(pr.headSha);
      expect(
        (await platform.http.post(`/api/v1/tasks/${taskId}/pull-request/merge`).set(auth()).expect(409)).body.message,
      ).toBe(`Pull request #${pr.number} is merged`);
    }, 300_000);
  },
);
