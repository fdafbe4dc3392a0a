import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  hostileRequests,
  startGatewayTestApp,
  uniqueName,
  type FuzzRequest,
  type GatewayTestApp,
  type OpenApiDocument,
} from '@patchbay/testing';

/**
 * Every operation of the served OpenAPI document, fed hostile and sloppy input generated from its
 * own schemas (NUL and lone surrogates, huge and deeply nested values, wrong types, forged ids and
 * cursors, mislabelled encodings). Whatever comes in, the gateway answers with a 4xx or success
 * — never a 5xx — and stays healthy.
 */
describe('OpenAPI fuzz (real Postgres)', () => {
  let gw: GatewayTestApp;
  let token: string;
  let document: OpenApiDocument;

  beforeAll(async () => {
    gw = await startGatewayTestApp({ env: { BODY_LIMIT: '64kb' } });
    token = (await gw.login(uniqueName('fuzz-admin'), uniqueName('fuzz'))).token;
    document = (await gw.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument;
  });

  afterAll(() => gw.close());

  it('answers several hundred hostile requests over every operation without a 5xx, and stays healthy', async () => {
    const requests = hostileRequests(document, { seed: 20261205, perOperation: 24 });
    const operations = new Set(requests.map((r) => `${r.method.toUpperCase()} ${r.template}`));
    expect(operations.size).toBeGreaterThanOrEqual(Object.keys(document.paths).length);
    expect(requests.length).toBeGreaterThanOrEqual(400);

    const serverErrors: string[] = [];
    for (const fuzz of requests) {
      const response = await send(fuzz);
      if (response.status >= 500)
        serverErrors.push(
          `${fuzz.method.toUpperCase()} ${fuzz.url} [${fuzz.label}] → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
        );
      else
        expect(response.body).toEqual(
          response.status >= 400
            ? expect.objectContaining({ statusCode: response.status, message: expect.any(String) })
            : expect.anything(),
        );
    }
    expect(serverErrors).toEqual([]);

    await gw.http.get('/healthz').expect(200);
    await gw.http.get('/api/v1/auth/me').set('authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses a body whose Content-Encoding does not match its bytes with a 400', async () => {
    const plain = Buffer.from(JSON.stringify({ login: uniqueName('enc') }));
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const response = await asBytes(
        gw.http
          .post('/api/v1/auth/dev-login')
          .set('content-type', 'application/json')
          .set('content-encoding', encoding),
        plain,
      );
      expect({ encoding, status: response.status, message: response.body.message }).toEqual({
        encoding,
        status: 400,
        message: `Request body could not be decoded as Content-Encoding: ${encoding}`,
      });
    }
    // The same body, truly gzipped, is accepted: the check is about honesty, not about compression.
    await asBytes(
      gw.http.post('/api/v1/auth/dev-login').set('content-type', 'application/json').set('content-encoding', 'gzip'),
      gzipSync(plain),
    ).expect(200);
  });

  it('states the limit that applied when a body is too large', async () => {
    // 64 kB of JSON squeezed into a few hundred bytes: the limit is about what the API must hold.
    const inflated = gzipSync(Buffer.from(JSON.stringify({ login: 'x'.repeat(100_000) })));
    const compressed = await asBytes(
      gw.http.post('/api/v1/auth/dev-login').set('content-type', 'application/json').set('content-encoding', 'gzip'),
      inflated,
    ).expect(413);
    expect(compressed.body.message).toBe('Request body is larger than the limit of 64kb (decoded)');
    // GitHub's webhook path keeps bodies raw with GitHub's own 25 MB cap, and says so.
    const webhook = await asBytes(
      gw.http.post('/api/webhooks/github').set('content-type', 'application/json'),
      Buffer.alloc(26 * 1024 * 1024, 0x20),
    ).expect(413);
    expect(webhook.body.message).toBe('Request body is larger than the limit of 25mb (decoded)');
  });

  it('refuses NUL characters and unpaired surrogates in any text field with a 400 naming the field', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const nul = await gw.http
      .post('/api/v1/tasks')
      .set(auth)
      .send({ repository: 'a/b', prompt: 'fix\u0000it' })
      .expect(400);
    expect(nul.body.message).toBe('body.prompt: text must not contain NUL characters or unpaired UTF-16 surrogates');
    const surrogate = await gw.http
      .post('/api/v1/tasks')
      .set('content-type', 'application/json')
      .set(auth)
      .send('{"repository":"a/b","prompt":"x\\ud800y"}')
      .expect(400);
    expect(surrogate.body.message).toMatch(/^body\.prompt: /);
    const query = await gw.http.get('/api/v1/tasks').query({ search: 'a\u0000b' }).set(auth).expect(400);
    expect(query.body.message).toMatch(/^query\.search: /);
    const deep = await gw.http
      .post('/api/v1/tasks')
      .set('content-type', 'application/json')
      .set(auth)
      .send(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`)
      .expect(400);
    expect(deep.body.message).toMatch(/nested more than 32 levels/);
    // Ordinary non-ASCII text (an emoji is a valid surrogate pair) passes the check.
    const fine = await gw.http
      .post('/api/v1/tasks')
      .set(auth)
      .send({ repository: 'a/b', prompt: 'fix the 🐛 in café' })
      .expect(400);
    expect(fine.body.message).toMatch(/unknown repository/);
  });

  it('refuses cursors that decode to values the database cannot hold', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const farFuture = Buffer.from(`+275760-09-13T00:00:00.000Z|${randomUUID()}`).toString('base64url');
    const extraField = Buffer.from(`2026-01-01T00:00:00.000Z|${randomUUID()}|x`).toString('base64url');
    for (const cursor of [farFuture, extraField]) {
      const response = await gw.http.get('/api/v1/tasks').query({ cursor }).set(auth).expect(400);
      expect(response.body.message).toBe('cursor is not one this API issued');
    }
    const events = await gw.http
      .get(`/api/v1/tasks/${randomUUID()}/events`)
      .query({ after: '99999999999' })
      .set(auth)
      .expect(400);
    expect(events.body.message).toMatch(/after must be at most 2147483647/);
  });

  /** Sends bytes as they are: superagent would otherwise JSON-serialise a Buffer under a JSON content type. */
  function asBytes(call: ReturnType<GatewayTestApp['http']['post']>, bytes: Buffer) {
    return call.serialize(() => bytes as unknown as string).send(bytes);
  }

  async function send(fuzz: FuzzRequest) {
    let call = gw.http[fuzz.method](fuzz.url);
    if (fuzz.authenticated) call = call.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(fuzz.headers)) call = call.set(name, value);
    if (fuzz.rawBody !== undefined) return call.set('content-type', 'application/json').send(fuzz.rawBody);
    return call;
  }
});
