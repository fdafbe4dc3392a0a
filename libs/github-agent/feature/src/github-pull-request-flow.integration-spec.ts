import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { TaskStatus } from '@patchbay/contracts';
import { GithubAppClient } from '@patchbay/github';
import { JsonLogger } from '@patchbay/observability';
import { GithubRepository } from '@patchbay/persistence';
import {
  addressed,
  asDatabaseOwner,
  createGithubRemote,
  deliverWebhook,
  eventually,
  GREETER_FIX,
  GREETER_PROJECT,
  installGithubRepository,
  startFakeGithubApp,
  startPlatformTestApp,
  StopWaiting,
  uniqueName,
  webhookExample,
  type FakeGithubApp,
  type PlatformTestApp,
} from '@patchbay/testing';

type Script = { label: string; turns: unknown[] };

function greeterScript(label: string, summary: string, edit: { path: string; old: string; new: string }): Script {
  return {
    label,
    turns: [
      {
        role: 'planner',
        toolCalls: [
          {
            name: 'submit_plan',
            args: {
              summary,
              steps: [{ id: '1', title: summary, detail: 'Edit src/greet.js.', files: ['src/greet.js'] }],
            },
          },
        ],
      },
      { role: 'coder', toolCalls: [{ name: 'read_file', args: { path: 'src/greet.js' } }] },
      { role: 'coder', toolCalls: [{ name: 'edit_file', args: edit }] },
      { role: 'coder', content: `${summary}: done.` },
    ],
  };
}

/**
 * GitHub end to end: webhook → task → real pipeline (gVisor sandbox, scripted model) → branch
 * pushed over git's HTTP protocol with an installation token → pull request through the REST API
 * → comments back; then iterating on the pull request from a comment and from a review.
 */
describe('GitHub App: from a labelled issue to a pull request, and iterating on it', () => {
  let github: FakeGithubApp;
  let platform: PlatformTestApp;
  let scriptFile: string;
  let remote: string;
  const logLines: string[] = [];
  const owner = uniqueName('octo');
  const fullName = `${owner}/greeter`;
  const installationId = 90_000 + Math.floor(Math.random() * 9_000);
  const maintainer = { login: uniqueName('maint'), id: 800_000 + Math.floor(Math.random() * 100_000) };

  const deliver = (event: string, payload: Record<string, unknown>) =>
    deliverWebhook(platform.http, github.webhookSecret, event, payload);
  const remoteGit = (...args: string[]) => execFileSync('git', ['--git-dir', remote, ...args], { encoding: 'utf8' });
  const callIndex = (predicate: (call: FakeGithubApp['calls'][number]) => boolean) => github.calls.findIndex(predicate);

  function taskOfDelivery(deliveryId: string): Promise<string> {
    const deliveries = platform.app.get(GithubRepository);
    return eventually(
      async () => {
        const row = await deliveries.findDelivery(deliveryId);
        if (row?.taskId) return row.taskId;
        if (row && row.outcome !== 'received') throw new StopWaiting(`delivery handled without a task: ${row.outcome}`);
        throw new Error(row ? 'the delivery is received, not yet handled' : 'no delivery row');
      },
      { description: `delivery ${deliveryId} creates a task`, timeoutMs: 30_000, intervalMs: 50 },
    );
  }

  /** The task's status from the database: the tasks come from webhooks, so no user session reads them through the API. */
  async function waitForStatus(taskId: string, wanted: TaskStatus): Promise<void> {
    try {
      await eventually(
        async () => {
          const status = await asDatabaseOwner(
            async (db) =>
              (await db.query('SELECT status FROM tasks WHERE id = $1', [taskId])).rows[0]?.status as string,
          );
          if (status === 'failed') throw new StopWaiting('task is failed');
          if (status !== wanted) throw new Error(`task is ${status}`);
        },
        { description: `task ${taskId} reaches ${wanted}`, timeoutMs: 180_000, intervalMs: 200 },
      );
    } catch (error) {
      const events = await asDatabaseOwner(
        async (db) =>
          (await db.query('SELECT type, agent, payload FROM task_events WHERE task_id = $1 ORDER BY seq', [taskId]))
            .rows,
      );
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}: ${JSON.stringify(events).slice(-3000)}`,
        { cause: error },
      );
    }
  }

  beforeAll(async () => {
    github = await startFakeGithubApp({ gitRoot: mkdtempSync(path.join(os.tmpdir(), 'patchbay-github-remote-')) });
    remote = createGithubRemote(github.gitRoot, fullName, GREETER_PROJECT);
    github.repository(fullName).collaborators.set(maintainer.login, 'write');
    github.repository(fullName).requiredChecks = ['ci/test'];
    scriptFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'patchbay-script-')), 'script.json');
    const client = new GithubAppClient(github.config, { retries: 1 });
    // Every log line the platform writes, at debug level, through the production logger.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    platform = await startPlatformTestApp({
      github: client,
      modelEnv: { MODEL_PROVIDER: 'scripted', SCRIPTED_MODEL_FILE: scriptFile },
      logger: new JsonLogger('github-flow-test', 'debug', sink),
    });

    // An admin's decisions: allow the repository and let plan and diff through without a human.
    await installGithubRepository(platform, github, {
      installationId,
      fullName,
      settings: { allowed: true, autoApprovePlan: true, autoApproveDiff: true },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.closeAll();
    await github?.close();
  });

  let branch = '';
  let firstHead = '';

  it('labelled issue → task → branch pushed → pull request with the template filled → comments on the issue, in that order', async () => {
    writeFileSync(scriptFile, JSON.stringify(greeterScript('issue fix', 'Fix the greeting format', GREETER_FIX)));
    const mainBefore = remoteGit('rev-parse', 'refs/heads/main').trim();
    const { deliveryId } = await deliver(
      'issues',
      webhookExample('issues', 'labeled', (payload) => {
        addressed(payload, fullName, installationId, maintainer);
        Object.assign(payload['issue'] as object, {
          number: 7,
          title: 'Greeting lacks punctuation',
          body: 'greet("Ada") should be "Hello, Ada!"',
        });
        payload['label'] = { ...(payload['label'] as object), name: 'patchbay' };
      }),
    );
    const taskId = await taskOfDelivery(deliveryId);
    await waitForStatus(taskId, 'completed');
    // Comments go out from the bus, spaced apart by the throttling plugin: the second may land after the task completes.
    await eventually(
      () => {
        const comments = github.calls.filter((call) => call.path === `/repos/${fullName}/issues/7/comments`).length;
        if (comments < 2) throw new Error(`${comments} comments on #7`);
      },
      { description: 'the queued and the pull-request comments on #7', timeoutMs: 10_000 },
    );

    const pulls = github.repository(fullName).pulls;
    expect(pulls).toHaveLength(1);
    const pull = pulls[0];
    branch = pull.head;
    expect(branch).toMatch(/^patchbay\/\d{8}-\d{6}-issue-7-greeting-lacks-punctuation-[0-9a-f]{6}$/);
    expect(pull).toMatchObject({ base: 'main', draft: true });
    for (const section of [
      '## Summary',
      '## Plan',
      '## Tests',
      '## Risks',
      '## Files changed',
      'Model: scripted model',
      'Fixes #7',
      '`ci/test`',
    ])
      expect(pull.body).toContain(section);

    firstHead = remoteGit('rev-parse', `refs/heads/${branch}`).trim();
    expect(remoteGit('show', `${firstHead}:src/greet.js`)).toContain('`Hello, ${name}!`');
    expect(remoteGit('log', '-1', '--format=%B', firstHead)).toContain(
      `Co-authored-by: ${maintainer.login} <${maintainer.id}+${maintainer.login}@users.noreply.github.com>`,
    );
    expect(remoteGit('rev-parse', 'refs/heads/main').trim()).toBe(mainBefore);

    const queued = callIndex((call) => call.method === 'POST' && call.path === `/repos/${fullName}/issues/7/comments`);
    const pushed = callIndex((call) => call.method === 'POST' && call.path === `/git/${fullName}.git/git-receive-pack`);
    const opened = callIndex((call) => call.method === 'POST' && call.path === `/repos/${fullName}/pulls`);
    const announced = callIndex(
      (call) =>
        call.method === 'POST' &&
        call.path === `/repos/${fullName}/issues/7/comments` &&
        String(call.body?.['body']).includes(pull.html_url),
    );
    expect(queued).toBeGreaterThanOrEqual(0);
    expect(queued).toBeLessThan(pushed);
    expect(pushed).toBeLessThan(opened);
    expect(opened).toBeLessThan(announced);
  }, 300_000);

  it('@patchbay on the Patchbay pull request → a new commit on the same branch, no new pull request', async () => {
    writeFileSync(
      scriptFile,
      JSON.stringify(
        greeterScript('follow-up', 'Greet the world when no name is given', {
          path: 'src/greet.js',
          old: '`Hello, ${name}!`',
          new: "`Hello, ${name ?? 'World'}!`",
        }),
      ),
    );
    const { deliveryId } = await deliver(
      'issue_comment',
      webhookExample('issue_comment', 'created', (payload) => {
        addressed(payload, fullName, installationId, maintainer);
        Object.assign(payload['issue'] as object, {
          number: 1,
          title: 'Greeting lacks punctuation',
          pull_request: { url: `${github.apiUrl}/repos/${fullName}/pulls/1` },
        });
        Object.assign(payload['comment'] as object, {
          id: 31_337,
          body: '@patchbay please greet the world when no name is given',
        });
      }),
    );
    const taskId = await taskOfDelivery(deliveryId);
    await waitForStatus(taskId, 'completed');

    const head = remoteGit('rev-parse', `refs/heads/${branch}`).trim();
    expect(head).not.toBe(firstHead);
    expect(remoteGit('rev-parse', `${head}^`).trim()).toBe(firstHead);
    expect(remoteGit('show', `${head}:src/greet.js`)).toContain("name ?? 'World'");
    expect(github.repository(fullName).pulls).toHaveLength(1);
    expect(
      callIndex(
        (call) =>
          call.path === `/repos/${fullName}/issues/comments/31337/reactions` && call.body?.['content'] === 'eyes',
      ),
    ).toBeGreaterThanOrEqual(0);
    firstHead = head;
  }, 300_000);

  it('a review requesting changes → a follow-up commit and a reply to the review comment', async () => {
    writeFileSync(
      scriptFile,
      JSON.stringify(
        greeterScript('review', 'Document greet()', {
          path: 'src/greet.js',
          old: 'exports.greet',
          new: '/** Greets someone by name. */\nexports.greet',
        }),
      ),
    );
    github
      .repository(fullName)
      .reviews.set(555, [{ id: 4_242, path: 'src/greet.js', line: 1, body: 'Please document this function.' }]);
    const { deliveryId } = await deliver(
      'pull_request_review',
      webhookExample('pull_request_review', 'submitted', (payload) => {
        addressed(payload, fullName, installationId, maintainer);
        Object.assign(payload['review'] as object, { id: 555, state: 'changes_requested', body: 'Almost there.' });
        Object.assign(payload['pull_request'] as object, { number: 1, title: 'Greeting lacks punctuation' });
      }),
    );
    const taskId = await taskOfDelivery(deliveryId);
    await waitForStatus(taskId, 'completed');

    const head = remoteGit('rev-parse', `refs/heads/${branch}`).trim();
    expect(remoteGit('rev-parse', `${head}^`).trim()).toBe(firstHead);
    expect(remoteGit('show', `${head}:src/greet.js`)).toContain('/** Greets someone by name. */');
    const reply = github.calls.find(
      (call) => call.method === 'POST' && call.path === `/repos/${fullName}/pulls/1/comments/4242/replies`,
    );
    expect(String(reply?.body?.['body'])).toContain(head.slice(0, 12));
    expect(github.repository(fullName).pulls).toHaveLength(1);
  }, 300_000);

  it('never lets an installation token reach the logs, task events, the database or the pushed repository', async () => {
    expect(github.issuedTokens.length).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(10);
    const logs = logLines.join('');
    const database = await asDatabaseOwner(async (db) => {
      const tables = (
        await db.query(
          `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('public', 'langgraph') AND table_type = 'BASE TABLE'`,
        )
      ).rows as Array<{ table_schema: string; table_name: string }>;
      const dumps: string[] = [];
      for (const table of tables) {
        const rows = await db.query(`SELECT t::text AS row FROM "${table.table_schema}"."${table.table_name}" t`);
        dumps.push(...rows.rows.map((row: { row: string }) => row.row));
      }
      return dumps.join('\n');
    });
    const mirror =
      platform.app.get(GithubRepository) &&
      (await asDatabaseOwner(
        async (db) =>
          (await db.query('SELECT clone_url FROM repositories WHERE full_name = $1', [fullName])).rows[0]
            ?.clone_url as string,
      ));
    const pushed =
      remoteGit('log', '--all', '-p', '--format=%H%n%an <%ae>%n%cn <%ce>%n%B') +
      readFileSync(path.join(remote, 'config'), 'utf8');
    const mirrorConfig = readFileSync(path.join(mirror, 'config'), 'utf8');
    for (const token of github.issuedTokens) {
      expect(logs).not.toContain(token);
      expect(database).not.toContain(token);
      expect(pushed).not.toContain(token);
      expect(mirrorConfig).not.toContain(token);
      expect(logs).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
    }
  });
});
