import {
  createGitRepository,
  seedTaskStage,
  startGatewayTestApp,
  uniqueName,
  type GatewayTestApp,
} from '@patchbay/testing';

describe('role-based access (real Postgres)', () => {
  let gw: GatewayTestApp;
  let admin: { token: string; userId: string };
  let developer: { token: string; userId: string };
  let viewer: { token: string; userId: string };
  let taskId: string;

  beforeAll(async () => {
    gw = await startGatewayTestApp();
    const organisation = uniqueName('org');
    admin = await gw.login(uniqueName('admin'), organisation);
    developer = await gw.login(uniqueName('dev'), organisation);
    viewer = await gw.login(uniqueName('viewer'), organisation);
    await gw.http
      .put(`/api/v1/admin/members/${viewer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    await gw.http
      .post('/api/v1/repositories')
      .set(as(admin.token))
      .send({ source: 'local', fullName: 'acme/rbac', importFrom: createGitRepository() })
      .expect(201);
    taskId = (
      await gw.http
        .post('/api/v1/tasks')
        .set(as(developer.token))
        .send({ repository: 'acme/rbac', prompt: 'x' })
        .expect(201)
    ).body.id;
    await seedTaskStage(taskId, 'awaiting_plan_approval', {
      plan: { summary: 's', steps: [{ id: '1', title: 't', detail: '', files: [] }] },
    });
  });

  afterAll(() => gw.close());

  function as(token: string) {
    return { authorization: `Bearer ${token}` };
  }

  it('refuses requests without a session, or with a forged or expired one, with 401', async () => {
    expect((await gw.http.get('/api/v1/tasks').expect(401)).body.message).toContain('Sign in first');
    await gw.http.get('/api/v1/tasks').set('authorization', 'Bearer not-a-jwt').expect(401);
    const [header, , signature] = viewer.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: admin.userId, login: 'x', org: 'y', exp: 9_999_999_999 }),
    ).toString('base64url');
    await gw.http.get('/api/v1/tasks').set('authorization', `Bearer ${header}.${forged}.${signature}`).expect(401);
  });

  it('lets a viewer read but not create or approve (403)', async () => {
    await gw.http.get('/api/v1/tasks').set(as(viewer.token)).expect(200);
    await gw.http.get(`/api/v1/tasks/${taskId}`).set(as(viewer.token)).expect(200);
    const create = await gw.http
      .post('/api/v1/tasks')
      .set(as(viewer.token))
      .send({ repository: 'acme/rbac', prompt: 'x' })
      .expect(403);
    expect(create.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'This action needs the developer role; you are viewer',
    });
    await gw.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(as(viewer.token)).send({}).expect(403);
    await gw.http
      .post(`/api/v1/tasks/${taskId}/plan/reject`)
      .set(as(viewer.token))
      .send({ feedback: 'no' })
      .expect(403);
    await gw.http.post(`/api/v1/tasks/${taskId}/diff/approve`).set(as(viewer.token)).expect(403);
    await gw.http.post(`/api/v1/tasks/${taskId}/cancel`).set(as(viewer.token)).expect(403);
    // Answering the planner's question takes the role that approves plans (ADR 0026).
    await gw.http
      .post(`/api/v1/tasks/${taskId}/clarification`)
      .set(as(viewer.token))
      .send({ answer: 'French' })
      .expect(403);
  });

  it('lets a developer create and approve, but not use admin routes (403)', async () => {
    await gw.http.post(`/api/v1/tasks/${taskId}/plan/approve`).set(as(developer.token)).send({}).expect(200);
    for (const [method, path, body] of [
      ['get', '/api/v1/admin/members', undefined],
      ['put', `/api/v1/admin/members/${viewer.userId}/role`, { role: 'admin' }],
      ['get', '/api/v1/admin/quotas', undefined],
      ['put', '/api/v1/admin/quotas', { scope: 'organisation', kind: 'tasks_per_day', limit: 1000 }],
      ['get', '/api/v1/admin/audit', undefined],
      ['get', '/api/v1/admin/audit/verify', undefined],
      ['post', '/api/v1/repositories', { source: 'github', fullName: 'acme/other' }],
    ] as const) {
      const response = await gw.http[method](path).set(as(developer.token)).send(body);
      expect({ path, status: response.status, message: response.body.message }).toEqual({
        path,
        status: 403,
        message: 'This action needs the admin role; you are developer',
      });
    }
  });

  it('applies a demotion immediately, not when the session expires', async () => {
    await gw.http
      .put(`/api/v1/admin/members/${developer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'viewer' })
      .expect(200);
    await gw.http
      .post('/api/v1/tasks')
      .set(as(developer.token))
      .send({ repository: 'acme/rbac', prompt: 'x' })
      .expect(403);
    await gw.http
      .put(`/api/v1/admin/members/${developer.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'developer' })
      .expect(200);
  });

  it('keeps at least one admin', async () => {
    const response = await gw.http
      .put(`/api/v1/admin/members/${admin.userId}/role`)
      .set(as(admin.token))
      .send({ role: 'developer' })
      .expect(400);
    expect(response.body.message).toBe('The organisation needs at least one admin; promote someone else first');
  });
});
