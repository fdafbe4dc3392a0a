import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  asDatabaseOwner,
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

/** A branch pushed to a bare repository as the publishing agent would push it: one commit changing `file`. */
function pushBranch(barePath: string, branch: string, from: string, file: string, content: string): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchbay-pr-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('clone', '-q', barePath, '.');
  git('checkout', '-q', '-b', branch, `origin/${from}`);
  writeFileSync(path.join(dir, file), content);
  git('add', file);
  git('-c', 'user.email=agent@patchbay.local', '-c', 'user.name=Agent', 'commit', '-qm', `change ${file}`);
  git('push', '-q', 'origin', `HEAD:refs/heads/${branch}`);
}

describe('pull request view, merge, authors and "awaiting my review" (real Postgres, real git)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let developer: { token: string; userId: string };
  let reviewer: { token: string; userId: string };
  let viewer: { token: string; userId: string };
  let barePath: string;
  let developerLogin: string;

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const createTask = async (token: string, repository = 'acme/prs') =>
    (await gw.http.post('/api/v1/tasks').set(as(token)).send({ repository, prompt: 'Add a greeting' }).expect(201)).body
      .id as string;
  /** A completed task with a local-forge pull request from `branch`, as the publish stage records it. */
  const taskWithPullRequest = async (branch: string, number: number) => {
    const id = await createTask(developer.token);
    await seedTaskStage(id, 'completed');
    await asDatabaseOwner((db) =>
      db.query(
        `INSERT INTO pull_requests (task_id, repository_id, number, url, head_branch, base_branch, head_sha, draft, body)
       SELECT t.id, t.repository_id, $2::int, '/tasks/' || t.id || '#pull-request-' || $2::int, $3, 'main', NULL, false, $4 FROM tasks t WHERE t.id = $1`,
        [id, number, branch, '## Summary\nAdds a greeting.\n\n## Risks\n- None found.'],
      ),
    );
    return id;
  };
  const mainSha = () => execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: barePath }).toString().trim();

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developerLogin = uniqueName('dev');
    developer = await gw.login(developerLogin, organisation);
    reviewer = await gw.login(uniqueName('reviewer'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    await gw.http
      .put(`/api/v1/admin/members/${viewer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    for (const body of [
      { scope: 'organisation', kind: 'concurrent_tasks', limit: 100 },
      { scope: 'user', userId: developer.userId, kind: 'concurrent_tasks', limit: 100 },
      { scope: 'user', userId: reviewer.userId, kind: 'concurrent_tasks', limit: 100 },
    ]) {
      await gw.http.put('/api/v1/admin/quotas').set(as(admin.token)).send(body).expect(200);
    }
    const registered = await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/prs', importFrom: createGitRepository() })
      .expect(201);
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({
        source: 'local',
        fullName: 'acme/strict',
        importFrom: createGitRepository(),
        settings: { requireSeparateApprover: true },
      })
      .expect(201);
    barePath = (
      await asDatabaseOwner((db) => db.query('SELECT clone_url FROM repositories WHERE id = $1', [registered.body.id]))
    ).rows[0].clone_url as string;
  });

  afterAll(() => gw.close());

  it("shows every member the author's login, and nothing more about them", async () => {
    const id = await createTask(developer.token);
    const seen = await gw.http.get(`/api/v1/tasks/${id}`).set(as(viewer.token)).expect(200);
    expect(seen.body.author).toEqual({ login: developerLogin, displayName: null });
    const listed = await gw.http
      .get('/api/v1/tasks')
      .query({ createdBy: developer.userId })
      .set(as(viewer.token))
      .expect(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
    for (const item of listed.body.items) expect(item.author).toEqual({ login: developerLogin, displayName: null });
  });

  it('answers the pull request with its body and forge, and lists its number and state with the task', async () => {
    const id = await taskWithPullRequest('patchbay/view', 1);
    const pr = await gw.http.get(`/api/v1/tasks/${id}/pull-request`).set(as(viewer.token)).expect(200);
    expect(pr.body).toMatchObject({
      number: 1,
      headBranch: 'patchbay/view',
      baseBranch: 'main',
      state: 'open',
      draft: false,
      forge: 'local',
      url: `/tasks/${id}#pull-request-1`,
    });
    expect(pr.body.body).toContain('## Summary');
    expect((await gw.http.get(`/api/v1/tasks/${id}`).set(as(viewer.token)).expect(200)).body.pullRequest).toEqual({
      number: 1,
      url: `/tasks/${id}#pull-request-1`,
      state: 'open',
      draft: false,
      headBranch: 'patchbay/view',
    });
    const listed = await gw.http.get('/api/v1/tasks').query({ status: 'completed' }).set(as(viewer.token)).expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === id).pullRequest).toMatchObject({
      number: 1,
      state: 'open',
    });
    const withoutPr = await createTask(developer.token);
    expect(
      (await gw.http.get(`/api/v1/tasks/${withoutPr}`).set(as(viewer.token)).expect(200)).body.pullRequest,
    ).toBeNull();
  });

  it('refuses bad input and missing pull requests with precise 4xx answers', async () => {
    expect(
      (await gw.http.get('/api/v1/tasks/not-a-uuid/pull-request').set(as(viewer.token)).expect(400)).body.statusCode,
    ).toBe(400);
    expect(
      (await gw.http.post('/api/v1/tasks/not-a-uuid/pull-request/merge').set(as(developer.token)).expect(400)).body
        .statusCode,
    ).toBe(400);
    const id = await createTask(developer.token);
    expect((await gw.http.get(`/api/v1/tasks/${id}/pull-request`).set(as(viewer.token)).expect(404)).body.message).toBe(
      'This task has no pull request yet',
    );
    expect(
      (await gw.http.post(`/api/v1/tasks/${id}/pull-request/merge`).set(as(developer.token)).expect(404)).body.message,
    ).toBe('This task has no pull request yet');
    expect(
      (
        await gw.http
          .get('/api/v1/tasks/00000000-0000-4000-8000-000000000000/pull-request')
          .set(as(viewer.token))
          .expect(404)
      ).body.statusCode,
    ).toBe(404);
  });

  it('lets a developer merge, not a viewer, and refuses a second merge', async () => {
    pushBranch(barePath, 'patchbay/greeting', 'main', 'greeting.txt', 'hello\n');
    const id = await taskWithPullRequest('patchbay/greeting', 2);
    const refused = await gw.http.post(`/api/v1/tasks/${id}/pull-request/merge`).set(as(viewer.token)).expect(403);
    expect(refused.body.statusCode).toBe(403);
    const before = mainSha();
    const merged = await gw.http.post(`/api/v1/tasks/${id}/pull-request/merge`).set(as(developer.token)).expect(200);
    expect(merged.body).toMatchObject({ state: 'merged', fastForward: true, number: 2 });
    expect(mainSha()).toBe(merged.body.mergedSha);
    const [{ merged_at: mergedAt }] = (
      await asDatabaseOwner((db) => db.query('SELECT merged_at FROM pull_requests WHERE task_id = $1', [id]))
    ).rows;
    expect(mergedAt).toBeInstanceOf(Date);
    expect(mainSha()).not.toBe(before);
    expect((await gw.http.get(`/api/v1/tasks/${id}`).set(as(viewer.token)).expect(200)).body.pullRequest.state).toBe(
      'merged',
    );
    expect(
      (await gw.http.post(`/api/v1/tasks/${id}/pull-request/merge`).set(as(developer.token)).expect(409)).body.message,
    ).toBe('Pull request #2 is merged');
  });

  it('answers a conflict with 409 naming the branches, and leaves the pull request open', async () => {
    pushBranch(barePath, 'patchbay/left', 'main', 'README.md', '# left\n');
    pushBranch(barePath, 'patchbay/right', 'main', 'README.md', '# right\n');
    const left = await taskWithPullRequest('patchbay/left', 3);
    const right = await taskWithPullRequest('patchbay/right', 4);
    await gw.http.post(`/api/v1/tasks/${left}/pull-request/merge`).set(as(developer.token)).expect(200);
    const conflict = await gw.http
      .post(`/api/v1/tasks/${right}/pull-request/merge`)
      .set(as(developer.token))
      .expect(409);
    expect(conflict.body.message).toMatch(/^patchbay\/right does not merge cleanly into main/);
    expect(
      (await gw.http.get(`/api/v1/tasks/${right}/pull-request`).set(as(viewer.token)).expect(200)).body.state,
    ).toBe('open');
  });

  it("lists what awaits my review: plans, the planner's questions, and diffs except my own under the four-eyes rule", async () => {
    const plan = await createTask(developer.token);
    await seedTaskStage(plan, 'awaiting_plan_approval', {
      plan: { summary: 'greet', steps: [{ title: 'Add it', detail: 'x' }] },
    });
    const ownStrictDiff = await createTask(developer.token, 'acme/strict');
    await seedTaskStage(ownStrictDiff, 'awaiting_diff_approval', { diff: 'diff --git a/a b/a\n+a\n' });
    const ownRelaxedDiff = await createTask(developer.token);
    await seedTaskStage(ownRelaxedDiff, 'awaiting_diff_approval', { diff: 'diff --git a/b b/b\n+b\n' });
    const question = await createTask(developer.token);
    await seedTaskStage(question, 'awaiting_clarification');
    const running = await createTask(developer.token);

    const mine = (await gw.http.get('/api/v1/reviews/awaiting-me').set(as(developer.token)).expect(200)).body as {
      items: Array<{ id: string; author: unknown }>;
      count: number;
    };
    const mineIds = mine.items.map((item) => item.id);
    expect(mineIds).toEqual(expect.arrayContaining([plan, question, ownRelaxedDiff]));
    expect(mineIds).not.toContain(ownStrictDiff);
    expect(mineIds).not.toContain(running);
    expect(mine.count).toBe(mine.items.length);

    const theirs = (await gw.http.get('/api/v1/reviews/awaiting-me').set(as(reviewer.token)).expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(theirs.items.map((item) => item.id)).toEqual(
      expect.arrayContaining([plan, question, ownStrictDiff, ownRelaxedDiff]),
    );

    // A viewer may approve nothing: an empty list, not a 403 the dashboard would have to hide.
    expect((await gw.http.get('/api/v1/reviews/awaiting-me').set(as(viewer.token)).expect(200)).body).toEqual({
      items: [],
      count: 0,
    });
    await gw.http.get('/api/v1/reviews/awaiting-me').expect(401);
  });
});
