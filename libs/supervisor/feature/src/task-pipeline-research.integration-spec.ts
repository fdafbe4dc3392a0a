import type { TaskStatus } from '@patchbay/contracts';
import {
  asDatabaseOwner,
  createGitRepository,
  GREETER_FIX,
  GREETER_PROJECT,
  PLANTED_CRITICAL_ADVISORY,
  PLANTED_CRITICAL_PACKAGE,
  PLANTED_CRITICAL_PACKUMENT,
  PLANTED_HIGH_ADVISORY,
  PLANTED_HIGH_PACKAGE,
  PLANTED_HIGH_PACKUMENT,
  readTaskEvents,
  startFakeNpmRegistry,
  startPlatformTestApp,
  uniqueName,
  waitForTaskStatus,
  type FakeNpmRegistry,
  type PlatformTestApp,
} from '@patchbay/testing';

const MANIFEST_HEAD = '"scripts": {';
const BOTH_ADDED = `"dependencies": {\n    "${PLANTED_CRITICAL_PACKAGE}": "1.0.1",\n    "${PLANTED_HIGH_PACKAGE}": "^2.2.0"\n  },\n  "scripts": {`;

/**
 * The research agent inside the pipeline: the planner and the coder call its tools over the bus,
 * and a change that adds dependencies with planted advisories (served by a local npm registry
 * server) is paused for the critical one and, once that is removed, published with the other
 * as a risk in the pull request.
 */
describe('task pipeline with the research agent (local npm registry, real gVisor sandbox, scripted model)', () => {
  let registry: FakeNpmRegistry;
  let platform: PlatformTestApp;

  beforeAll(async () => {
    registry = await startFakeNpmRegistry({
      packages: [PLANTED_CRITICAL_PACKUMENT, PLANTED_HIGH_PACKUMENT],
      advisories: {
        [PLANTED_CRITICAL_PACKAGE]: [PLANTED_CRITICAL_ADVISORY],
        [PLANTED_HIGH_PACKAGE]: [PLANTED_HIGH_ADVISORY],
      },
    });
    platform = await startPlatformTestApp({
      research: {
        npmRegistryUrl: registry.url,
        pypiUrl: 'http://127.0.0.1:9',
        timeoutMs: 5_000,
        cacheTtlMs: 60_000,
        cacheEntries: 100,
      },
      script: {
        label: 'research',
        turns: [
          { role: 'planner', toolCalls: [{ name: 'package_info', args: { name: PLANTED_HIGH_PACKAGE } }] },
          {
            role: 'planner',
            toolCalls: [
              {
                name: 'submit_plan',
                args: {
                  summary: 'Fix the greeting',
                  steps: [{ id: '1', title: 'Fix the string', detail: '', files: ['src/greet.js', 'package.json'] }],
                },
              },
            ],
          },
          {
            role: 'coder',
            toolCalls: [{ name: 'package_advisories', args: { name: PLANTED_HIGH_PACKAGE, version: '2.2.0' } }],
          },
          { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
          {
            role: 'coder',
            toolCalls: [{ name: 'edit_file', args: { path: 'package.json', old: MANIFEST_HEAD, new: BOTH_ADDED } }],
          },
          { role: 'coder', content: 'Fixed the greeting and added the helpers.' },
          // After the pause: the reviewer asks for the critical package to go.
          {
            role: 'coder',
            toolCalls: [
              {
                name: 'edit_file',
                args: { path: 'package.json', old: `    "${PLANTED_CRITICAL_PACKAGE}": "1.0.1",\n`, new: '' },
              },
            ],
          },
          { role: 'coder', content: `Removed ${PLANTED_CRITICAL_PACKAGE}.` },
        ],
      },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await registry?.close();
  });

  it('flags the planted advisories: the critical one pauses the task, the other becomes a risk in the PR', async () => {
    const admin = await platform.login(uniqueName('admin'), uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await platform.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
    const taskId = (
      await platform.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({
          repository: 'acme/greeter',
          prompt: 'Fix the failing greeting test',
          autoApprove: { plan: true, diff: true },
        })
        .expect(201)
    ).body.id as string;
    const events = () => readTaskEvents(platform, auth, taskId);
    const waitFor = (wanted: TaskStatus) => waitForTaskStatus(platform, auth, taskId, wanted, 180_000);

    await waitFor('paused');
    const paused = await events();
    // The planner's and the coder's research calls went over the bus and came back as untrusted data.
    const planner = paused.find((e) => e.type === 'agent_thought' && e.payload['tool'] === 'package_info');
    expect(planner?.payload).toMatchObject({
      role: 'planner',
      refused: false,
      result: '<untrusted-data source="the npm registry">',
    });
    const coder = paused.find((e) => e.type === 'agent_thought' && e.payload['tool'] === 'package_advisories');
    expect(coder?.payload).toMatchObject({
      role: 'coder',
      refused: false,
      result: '<untrusted-data source="the npm registry advisory database">',
    });
    // The pause report names the package, the advisory and the rule; nothing was presented or published.
    const blocked = paused.filter((e) => e.type === 'error').at(-1)!;
    expect(blocked.payload).toMatchObject({
      category: 'user_correctable',
      recoverable: true,
      actions: ['fix_it', 'change_approach', 'abort'],
    });
    expect(blocked.payload['message']).toBe(
      `Publishing blocked by the dependency policy: ${PLANTED_CRITICAL_PACKAGE}@1.0.1 (critical advisory 9000001)`,
    );
    expect(blocked.payload['report']).toContain(
      'Remote code execution in patchbay-planted-critical (test fixture) (https://github.com/advisories/GHSA-patc-hbay-test; vulnerable <2.0.0)',
    );
    expect(paused.some((e) => e.type === 'diff_ready' || e.type === 'pr_created')).toBe(false);
    expect(registry.requests).toContainEqual({
      method: 'POST',
      path: '/-/npm/v1/security/advisories/bulk',
      body: { [PLANTED_CRITICAL_PACKAGE]: ['1.0.1'] },
    });

    await platform.http
      .post(`/api/v1/tasks/${taskId}/resume`)
      .set(auth)
      .send({ action: 'fix', note: 'Drop the package with the critical advisory.' })
      .expect(200);
    await waitFor('completed');
    const rows = (
      await asDatabaseOwner((db) => db.query('SELECT body FROM pull_requests WHERE task_id = $1', [taskId]))
    ).rows;
    expect(rows).toHaveLength(1);
    const risks = (rows[0].body as string).split('## Risks\n')[1].split('\n\n')[0];
    expect(risks).toContain(
      `- Dependency: \`${PLANTED_HIGH_PACKAGE}@2.2.0\` (package.json) has a high advisory: Prototype pollution in patchbay-planted-high (test fixture) (https://github.com/advisories/GHSA-patc-hbay-high; vulnerable >=2.0.0 <2.3.0)`,
    );
    expect(risks).toContain(`- Dependency: \`${PLANTED_HIGH_PACKAGE}@2.2.0\` is deprecated: use 3.x`);
    expect(risks).not.toContain(PLANTED_CRITICAL_PACKAGE);
  }, 300_000);
});
