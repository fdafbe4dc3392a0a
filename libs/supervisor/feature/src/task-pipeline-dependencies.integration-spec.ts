import { eventsOfType } from '@patchbay/contracts';
import {
  createGitRepository,
  removeDependencyReuseLeftovers,
  startPlatformTestApp,
  uniqueName,
  readTaskEvents,
  waitForTaskStatus,
  type PlatformTestApp,
} from '@patchbay/testing';

/** A project whose tests need a package from the npm registry, installed through the sandbox's registry-only egress. */
const WITH_DEPENDENCY = {
  'package.json': JSON.stringify(
    { name: 'checker', version: '1.0.0', scripts: { test: 'node --test' }, devDependencies: { 'is-number': '7.0.0' } },
    null,
    2,
  ),
  '.gitignore': 'node_modules/\n',
  'src/check.js':
    "const isNumber = require('is-number');\nexports.parseAmount = (value) => (isNumber(value) ? value : null);\n",
  'test/check.test.js': [
    "const test = require('node:test');",
    "const assert = require('node:assert');",
    "const { parseAmount } = require('../src/check');",
    "test('keeps numbers', () => assert.strictEqual(parseAmount(5), 5));",
    "test('refuses words', () => assert.strictEqual(parseAmount('x'), null));",
    "test('converts numeric strings', () => assert.strictEqual(parseAmount('7'), 7));",
    '',
  ].join('\n'),
};

describe('task pipeline with dependencies (registries-only egress, real gVisor sandbox)', () => {
  let platform: PlatformTestApp;
  /** The first case's admin, whose repository the warm-environment case reuses. */
  let auth: { authorization: string } | undefined;
  const startedAt = new Date();
  const warmKeys: string[] = [];

  beforeAll(async () => {
    platform = await startPlatformTestApp({
      script: {
        label: 'dependency project',
        turns: [
          {
            role: 'planner',
            toolCalls: [
              {
                name: 'submit_plan',
                args: {
                  summary: 'Compare numbers, not strings',
                  steps: [{ id: '1', title: 'Convert before comparing', detail: '', files: ['src/check.js'] }],
                },
              },
            ],
          },
          {
            role: 'coder',
            toolCalls: [
              {
                name: 'edit_file',
                args: { path: 'src/check.js', old: '? value : null', new: '? Number(value) : null' },
              },
            ],
          },
          { role: 'coder', content: 'Done.' },
        ],
      },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await removeDependencyReuseLeftovers(startedAt, warmKeys);
  });

  it('installs the packages, runs the tests with them, and keeps node_modules out of the diff', async () => {
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/checker', importFrom: createGitRepository(WITH_DEPENDENCY) })
      .expect(201);
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({ repository: 'acme/checker', prompt: 'Fix numeric strings', autoApprove: { plan: true, diff: true } })
        .expect(201)
    ).body.id as string;

    await waitForTaskStatus(platform, auth, taskId, 'completed', 240_000);
    const events = await readTaskEvents(platform, auth, taskId);

    const setup = eventsOfType(events, 'command_executed').filter((e) => e.payload.phase === 'setup');
    expect(setup.map((e) => [e.payload.command, e.payload.exitCode])).toEqual([
      ['npm install --no-audit --no-fund', 0],
    ]);
    expect(
      eventsOfType(events, 'agent_thought').find((e) => e.payload.message.startsWith('Sandbox ready'))?.payload.message,
    ).toContain('network registries');
    const results = eventsOfType(events, 'test_results').map((e) => [
      e.payload.phase,
      e.payload.passed,
      e.payload.failed,
    ]);
    expect(results).toEqual([
      ['baseline', 2, 1],
      ['after', 3, 0],
    ]);
    const diffFiles = eventsOfType(events, 'diff_ready')[0]?.payload.files.map((f) => f.path);
    expect(diffFiles).toEqual(['src/check.js']);
    const saved = eventsOfType(events, 'agent_thought').find((e) => e.payload.warmEnvironment)?.payload.warmEnvironment;
    if (saved) warmKeys.push(saved.key);
    expect(saved).toMatchObject({ outcome: 'saved', manifests: ['package.json'] });
  }, 300_000);

  it('a second task on the same repository starts from the warm environment: no install, the same baseline', async () => {
    if (!auth) throw new Error('the first case registers the repository; it did not run');
    const owner = auth;
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(owner)
        .send({ repository: 'acme/checker', prompt: 'Fix numeric strings', autoApprove: { plan: true, diff: true } })
        .expect(201)
    ).body.id as string;
    // Only the analysing step matters here: the scripted model's turns were played by the first task.
    const deadline = Date.now() + 240_000;
    let events = await readTaskEvents(platform, owner, taskId);
    while (!eventsOfType(events, 'test_results').length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      events = await readTaskEvents(platform, owner, taskId);
    }
    await platform.http.post(`/api/v1/tasks/${taskId}/cancel`).set(owner);

    expect(eventsOfType(events, 'command_executed').filter((e) => e.payload.phase === 'setup')).toEqual([]);
    const warm = eventsOfType(events, 'agent_thought').find((e) => e.payload.warmEnvironment);
    expect(warm?.payload.warmEnvironment).toMatchObject({ outcome: 'restored' });
    expect(warm?.payload.message).toMatch(/^Warm environment used: .*install skipped$/);
    expect(
      eventsOfType(events, 'test_results').map((e) => [e.payload.phase, e.payload.passed, e.payload.failed]),
    ).toEqual([['baseline', 2, 1]]);
  }, 300_000);
});
