import { startGatewayTestApp, uniqueName, type GatewayTestApp } from '@patchbay/testing';

/** Hostile and sloppy input across the API: every one gets a precise 4xx, none a 500. */
describe('malformed requests (real Postgres)', () => {
  let gw: GatewayTestApp;
  let token: string;

  beforeAll(async () => {
    gw = await startGatewayTestApp({ env: { BODY_LIMIT: '64kb' } });
    token = (await gw.login(uniqueName('admin'), uniqueName('org'))).token;
  });

  afterAll(() => gw.close());

  const unknownId = '00000000-0000-4000-8000-000000000000';
  type Case = {
    name: string;
    method: 'get' | 'post' | 'put' | 'patch' | 'delete';
    path: string;
    body?: unknown;
    raw?: string;
    contentType?: string;
    status: number;
    message?: RegExp;
  };
  const cases: Case[] = [
    {
      name: 'malformed JSON',
      method: 'post',
      path: '/api/v1/tasks',
      raw: '{"repository": ',
      status: 400,
      message: /not valid JSON/,
    },
    {
      name: 'JSON with trailing garbage',
      method: 'post',
      path: '/api/v1/tasks',
      raw: '{"prompt":"x"} trailing',
      status: 400,
    },
    {
      name: 'a JSON string instead of an object',
      method: 'post',
      path: '/api/v1/tasks',
      raw: '"just a string"',
      status: 400,
    },
    { name: 'a JSON array instead of an object', method: 'post', path: '/api/v1/tasks', body: [1, 2], status: 400 },
    {
      name: 'form-encoded body',
      method: 'post',
      path: '/api/v1/tasks',
      raw: 'prompt=x',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
    },
    {
      name: 'plain-text body',
      method: 'post',
      path: '/api/v1/auth/dev-login',
      raw: 'ada',
      contentType: 'text/plain',
      status: 415,
    },
    {
      name: 'oversized body',
      method: 'post',
      path: '/api/v1/tasks',
      body: { repository: 'a/b', prompt: 'x'.repeat(70_000) },
      status: 413,
      message: /larger than the limit of 64kb/,
    },
    {
      name: 'prompt of the wrong type',
      method: 'post',
      path: '/api/v1/tasks',
      body: { repository: 'a/b', prompt: 42 },
      status: 400,
      message: /prompt/,
    },
    {
      name: 'repository of the wrong shape',
      method: 'post',
      path: '/api/v1/tasks',
      body: { repository: '../../etc/passwd', prompt: 'x' },
      status: 400,
      message: /owner\/name/,
    },
    {
      name: 'missing prompt',
      method: 'post',
      path: '/api/v1/tasks',
      body: { repository: 'a/b' },
      status: 400,
      message: /prompt/,
    },
    {
      name: 'priority outside the enum',
      method: 'post',
      path: '/api/v1/tasks',
      body: { repository: 'a/b', prompt: 'x', priority: 'urgent' },
      status: 400,
      message: /priority/,
    },
    {
      name: 'autoApprove of the wrong type',
      method: 'post',
      path: '/api/v1/tasks',
      body: { repository: 'a/b', prompt: 'x', autoApprove: 'yes' },
      status: 400,
    },
    {
      name: 'base branch that smuggles an option',
      method: 'post',
      path: '/api/v1/tasks',
      body: { repository: 'a/b', prompt: 'x', baseBranch: '--upload-pack=evil' },
      status: 400,
      message: /baseBranch/,
    },
    {
      name: 'path traversal in an id',
      method: 'get',
      path: '/api/v1/tasks/..%2F..%2Fetc%2Fpasswd',
      status: 400,
      message: /UUID/,
    },
    { name: 'SQL in an id', method: 'get', path: "/api/v1/tasks/1'%20OR%20'1'='1", status: 400, message: /UUID/ },
    {
      name: 'unknown task id',
      method: 'get',
      path: `/api/v1/tasks/${unknownId}`,
      status: 404,
      message: /No task with id/,
    },
    {
      name: 'approving an unknown task',
      method: 'post',
      path: `/api/v1/tasks/${unknownId}/plan/approve`,
      body: {},
      status: 404,
    },
    {
      name: 'rejecting without feedback',
      method: 'post',
      path: `/api/v1/tasks/${unknownId}/plan/reject`,
      body: {},
      status: 400,
      message: /feedback/,
    },
    {
      name: 'events with a negative cursor',
      method: 'get',
      path: `/api/v1/tasks/${unknownId}/events?after=-1`,
      status: 400,
      message: /after/,
    },
    {
      name: 'list with an invalid limit',
      method: 'get',
      path: '/api/v1/tasks?limit=100000',
      status: 400,
      message: /limit/,
    },
    {
      name: 'list with an unknown status',
      method: 'get',
      path: '/api/v1/tasks?status=exploded',
      status: 400,
      message: /status/,
    },
    {
      name: 'list with a forged cursor',
      method: 'get',
      path: '/api/v1/tasks?cursor=Zm9vfGJhcg',
      status: 400,
      message: /cursor/,
    },
    { name: 'unknown route', method: 'get', path: '/api/v1/nothing-here', status: 404 },
    {
      name: 'dev login with an invalid login',
      method: 'post',
      path: '/api/v1/auth/dev-login',
      body: { login: 'a b;rm -rf' },
      status: 400,
      message: /login/,
    },
    {
      name: 'repository import from a relative path',
      method: 'post',
      path: '/api/v1/repositories',
      body: { source: 'local', fullName: 'a/b', importFrom: 'relative/path' },
      status: 422,
      message: /^importFrom is not an allowed import source/,
    },
    {
      name: 'repository import through the ext transport',
      method: 'post',
      path: '/api/v1/repositories',
      body: { source: 'local', fullName: 'a/c', importFrom: 'ext::sh -c touch% /tmp/pwned' },
      status: 422,
      message: /^importFrom is not an allowed import source/,
    },
    {
      name: 'repository with an unknown source',
      method: 'post',
      path: '/api/v1/repositories',
      body: { source: 'gitlab', fullName: 'a/b' },
      status: 400,
    },
    {
      name: 'repository settings with a bad env name',
      method: 'patch',
      path: `/api/v1/repositories/${unknownId}`,
      body: { settings: { env: { 'bad name': 'x' } } },
      status: 400,
      message: /settings\.env\.bad name/,
    },
    {
      name: 'role that does not exist',
      method: 'put',
      path: `/api/v1/admin/members/${unknownId}/role`,
      body: { role: 'owner' },
      status: 400,
      message: /role/,
    },
    {
      name: 'role change for a non-member',
      method: 'put',
      path: `/api/v1/admin/members/${unknownId}/role`,
      body: { role: 'viewer' },
      status: 404,
    },
    {
      name: 'credential with a too-short key',
      method: 'post',
      path: '/api/v1/credentials',
      body: { owner: 'user', provider: 'openai', apiKey: 'abc' },
      status: 400,
      message: /apiKey/,
    },
    {
      name: 'credential with a bad base URL',
      method: 'post',
      path: '/api/v1/credentials',
      body: { owner: 'user', provider: 'openai', apiKey: 'sk-12345678', baseUrl: 'not a url' },
      status: 400,
      message: /baseUrl/,
    },
    { name: 'deleting an unknown credential', method: 'delete', path: `/api/v1/credentials/${unknownId}`, status: 404 },
    {
      name: 'audit page with a non-numeric cursor',
      method: 'get',
      path: '/api/v1/admin/audit?after=abc',
      status: 400,
      message: /after/,
    },
  ];

  it('covers at least 30 malformed requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name → $status', async ({ method, path, body, raw, contentType, status, message }) => {
    let call = gw.http[method](path).set('authorization', `Bearer ${token}`);
    if (raw !== undefined) call = call.set('content-type', contentType ?? 'application/json').send(raw);
    else if (body !== undefined) call = call.send(body as object);
    const response = await call;
    expect({ status: response.status, body: response.body }).toMatchObject({
      status,
      body: { statusCode: status, error: expect.any(String), message: expect.any(String) },
    });
    if (message) expect(response.body.message).toMatch(message);
  });
});
