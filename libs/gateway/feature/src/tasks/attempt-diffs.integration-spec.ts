import { createHash } from 'node:crypto';
import {
  asDatabaseOwner,
  createGitRepository,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

/** The diff of each coding round (issue 15, item 6): listed, served by attempt, guarded like the other task routes. */
describe('attempt diffs API (real Postgres)', () => {
  let gw: GatewayTestApp;
  let developer: { token: string; userId: string };
  let outsider: { token: string };

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    const admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    outsider = await gw.login(uniqueName('outsider'), uniqueName('other-org'));
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/widgets', importFrom: createGitRepository() })
      .expect(201);
  });

  afterAll(() => gw.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  /** As the supervisor's validate node stores them (PipelineRepository.saveAttemptDiff). */
  const seedAttemptDiff = (taskId: string, round: number, diff: string, at: string) =>
    asDatabaseOwner((db) =>
      db.query(
        `INSERT INTO artifacts (task_id, kind, content_type, size_bytes, sha256, content, round, created_at) VALUES ($1, 'attempt_diff', 'text/x-diff', $2, $3, $4, $5, $6)`,
        [
          taskId,
          Buffer.byteLength(diff),
          createHash('sha256').update(diff).digest('hex'),
          Buffer.from(diff),
          round,
          at,
        ],
      ),
    );

  it('lists each round’s diff, serves one by attempt with precise 4xx, and keeps the latest diff as it was', async () => {
    const id = (
      await gw.http
        .post('/api/v1/tasks')
        .set(as(developer.token))
        .send({ repository: 'acme/widgets', prompt: 'Add a greeting' })
        .expect(201)
    ).body.id as string;
    expect((await gw.http.get(`/api/v1/tasks/${id}/diffs`).set(as(developer.token)).expect(200)).body).toEqual([]);
    expect(
      (await gw.http.get(`/api/v1/tasks/${id}/diff?attempt=1`).set(as(developer.token)).expect(404)).body.message,
    ).toBe('This task has no attempt diffs yet');

    await seedAttemptDiff(id, 2, 'diff --git a/a.js b/a.js\n+second\n', '2026-01-01T00:00:02Z');
    await seedAttemptDiff(id, 1, 'diff --git a/a.js b/a.js\n+first\n', '2026-01-01T00:00:01Z');
    const list = (await gw.http.get(`/api/v1/tasks/${id}/diffs`).set(as(developer.token)).expect(200)).body as Array<
      Record<string, unknown>
    >;
    expect(list.map(({ attempt, round, sizeBytes }) => ({ attempt, round, sizeBytes }))).toEqual([
      { attempt: 1, round: 1, sizeBytes: Buffer.byteLength('diff --git a/a.js b/a.js\n+first\n') },
      { attempt: 2, round: 2, sizeBytes: Buffer.byteLength('diff --git a/a.js b/a.js\n+second\n') },
    ]);
    const first = await gw.http.get(`/api/v1/tasks/${id}/diff?attempt=1`).set(as(developer.token)).expect(200);
    expect(first.headers['content-type']).toContain('text/x-diff');
    expect(first.text).toContain('+first');
    expect(
      (await gw.http.get(`/api/v1/tasks/${id}/diff?attempt=2`).set(as(developer.token)).expect(200)).text,
    ).toContain('+second');

    expect(
      (await gw.http.get(`/api/v1/tasks/${id}/diff?attempt=3`).set(as(developer.token)).expect(404)).body.message,
    ).toBe('This task has no attempt 3; it has attempts 1 to 2');
    for (const bad of ['0', '-1', '1.5', 'latest']) {
      const response = await gw.http
        .get(`/api/v1/tasks/${id}/diff?attempt=${bad}`)
        .set(as(developer.token))
        .expect(400);
      expect(response.body.message).toContain('attempt must be');
    }
    // Round diffs are not the presented diff: until the diff node stores one there is none.
    expect((await gw.http.get(`/api/v1/tasks/${id}/diff`).set(as(developer.token)).expect(404)).body.message).toBe(
      'This task has no diff yet',
    );

    // Guarded like the other task routes: another organisation sees no such task, nobody unauthenticated.
    await gw.http.get(`/api/v1/tasks/${id}/diffs`).set(as(outsider.token)).expect(404);
    await gw.http.get(`/api/v1/tasks/${id}/diff?attempt=1`).set(as(outsider.token)).expect(404);
    await gw.http.get(`/api/v1/tasks/${id}/diffs`).expect(401);
  });
});
