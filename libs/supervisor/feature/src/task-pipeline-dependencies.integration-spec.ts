import { eventsOfType } from '@patchbay/contracts';
import {
  createGitRepository,
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

  afterAll(() => platform?.closeAll());

  it('installs the packages, runs the tests with them, and keeps node_modules out of the diff', async () => {
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
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
  }, 300_000);
});
