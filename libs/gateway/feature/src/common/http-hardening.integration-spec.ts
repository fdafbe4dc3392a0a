import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGatewayTestApp, uniqueName, type GatewayTestApp } from '@patchbay/testing';
import type { Response } from 'supertest';

/** A stand-in dashboard build: an index page, a bundle and the bundle's source map. */
function dashboardBuild(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchbay-dashboard-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(dir, 'app.js'), 'console.log("dashboard");\n');
  writeFileSync(
    path.join(dir, 'app.js.map'),
    JSON.stringify({ version: 3, sources: ['src/main.tsx'], sourcesContent: ['const secretSauce = 1;'], mappings: '' }),
  );
  return dir;
}

/** What every response must carry, whichever part of the gateway answered it. */
function expectHardened(response: Response): void {
  const csp = response.headers['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-powered-by']).toBeUndefined();
}

describe('HTTP hardening of every gateway response (real gateway)', () => {
  let gw: GatewayTestApp;
  let token: string;
  const dashboard = dashboardBuild();

  beforeAll(async () => {
    gw = await startGatewayTestApp({ dashboardDir: dashboard });
    token = (await gw.login(uniqueName('dev'), uniqueName('org'))).token;
  });

  afterAll(() => gw.close());

  it('hardens API responses, successes and errors alike', async () => {
    expectHardened(await gw.http.get('/api/v1/auth/me').set('authorization', `Bearer ${token}`).expect(200));
    expectHardened(await gw.http.get('/api/v1/auth/me').expect(401));
    expectHardened(
      await gw.http
        .post('/api/v1/tasks')
        .set('authorization', `Bearer ${token}`)
        .set('content-type', 'application/json')
        .send('{not json')
        .expect(400),
    );
  });

  it('hardens /healthz', async () => {
    expectHardened(await gw.http.get('/healthz').expect(200));
  });

  it('serves the dashboard with a policy it can run under: own scripts, styles and WebSocket only', async () => {
    for (const route of ['/', '/tasks/some-task']) {
      const page = await gw.http.get(route).set('accept', 'text/html').expect(200);
      expect(page.text).toContain('<div id="root"></div>');
      expectHardened(page);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("connect-src 'self' ws: wss:");
      expect(csp).toContain("style-src 'self';");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
    expectHardened(await gw.http.get('/app.js').expect(200));
  });

  it('gives the Swagger UI the inline styles it needs and nothing more', async () => {
    const docs = await gw.http.get('/api/docs/').expect(200);
    expect(docs.text).toContain('swagger-ui');
    expectHardened(docs);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs.headers['content-security-policy']).not.toContain("script-src 'self' 'unsafe-inline'");
  });

  it('does not serve source maps unless asked to', async () => {
    const map = await gw.http.get('/app.js.map').expect(404);
    expect(map.text).not.toContain('secretSauce');
    expectHardened(map);
    // Not even as the SPA's index.html fallback, which a browser would then try to parse.
    expect((await gw.http.get('/app.js.map').set('accept', 'text/html').expect(404)).text).not.toContain(
      '<div id="root">',
    );
  });

  it('gzips a large JSON response when the client accepts it, and only then', async () => {
    const gzipped = await gw.http.get('/api/docs/openapi.json').set('accept-encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['vary']).toMatch(/accept-encoding/i);
    expect((gzipped.body as { openapi: string }).openapi).toMatch(/^3\./);
    expectHardened(gzipped);

    const plain = await gw.http.get('/api/docs/openapi.json').set('accept-encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBeGreaterThan(1024);
  });
});

describe('source maps with SERVE_SOURCE_MAPS=true', () => {
  let gw: GatewayTestApp;

  beforeAll(async () => {
    gw = await startGatewayTestApp({ dashboardDir: dashboardBuild(), env: { SERVE_SOURCE_MAPS: 'true' } });
  });

  afterAll(() => gw.close());

  it('serves them when an operator asks for it', async () => {
    const map = await gw.http.get('/app.js.map').expect(200);
    expect(map.text).toContain('secretSauce');
  });
});
