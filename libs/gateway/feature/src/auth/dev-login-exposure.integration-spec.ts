import { createServer } from 'node:net';
import os from 'node:os';
import { startGatewayTestApp, uniqueName, type GatewayTestApp } from '@patchbay/testing';
import { gatewayConfigSchema } from '../gateway-config';
import { gatewayListenHost, listenGateway } from '../listen-gateway';

/** An address of this machine that is not loopback: what another host on the network would reach. */
function nonLoopbackAddress(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to test exposure with');
  return address;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function devLogin(
  base: string,
  headers: Record<string, string> = {},
  who = { login: uniqueName('net'), organisation: uniqueName('net') },
): Promise<Response> {
  return fetch(`${base}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(who),
  });
}

/** Dev login signs anyone in as anyone: it must not be reachable from the network by default. */
describe('dev login exposure (real Postgres, real sockets)', () => {
  it('binds to loopback by default in dev auth mode, to every interface with GitHub sign-in, and to HOST when set', () => {
    expect(gatewayListenHost(gatewayConfigSchema.parse({ AUTH_MODE: 'dev' }))).toBe('127.0.0.1');
    expect(
      gatewayListenHost(
        gatewayConfigSchema.parse({ AUTH_MODE: 'github', GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret' }),
      ),
    ).toBe('0.0.0.0');
    expect(gatewayListenHost(gatewayConfigSchema.parse({ AUTH_MODE: 'dev', HOST: '0.0.0.0' }))).toBe('0.0.0.0');
  });

  describe('a gateway started the way npm start starts it', () => {
    let gw: GatewayTestApp;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      gw = await startGatewayTestApp({ env: { PORT: String(port) } });
      await listenGateway(gw.app, gw.config);
    });
    afterAll(() => gw.close());

    it('cannot be reached from another host, only from this one', async () => {
      await expect(fetch(`http://${nonLoopbackAddress()}:${port}/healthz`)).rejects.toThrow();
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    });
  });

  describe('a gateway exposed with HOST=0.0.0.0', () => {
    let gw: GatewayTestApp;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      gw = await startGatewayTestApp({ env: { PORT: String(port), HOST: '0.0.0.0' } });
      await listenGateway(gw.app, gw.config);
    });
    afterAll(() => gw.close());

    it('refuses dev login from a non-loopback client, even for an existing admin', async () => {
      const admin = { login: uniqueName('admin'), organisation: uniqueName('net') };
      expect((await gw.login(admin.login, admin.organisation)).role).toBe('admin');
      const response = await devLogin(`http://${nonLoopbackAddress()}:${port}`, {}, admin);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /Dev login only answers requests from this machine/,
      );
      // The rest of the API stays reachable; only the unauthenticated sign-in is closed.
      expect((await fetch(`http://${nonLoopbackAddress()}:${port}/healthz`)).status).toBe(200);
    });

    it('refuses dev login that came through a proxy on this machine', async () => {
      const proxyHeaders: Array<[string, string]> = [
        ['x-forwarded-for', '203.0.113.9'],
        ['forwarded', 'for=203.0.113.9'],
        ['x-real-ip', '203.0.113.9'],
      ];
      for (const [name, value] of proxyHeaders) {
        expect((await devLogin(`http://127.0.0.1:${port}`, { [name]: value })).status).toBe(403);
      }
    });

    it('accepts dev login from this machine', async () => {
      expect((await devLogin(`http://127.0.0.1:${port}`)).status).toBe(200);
    });
  });

  it('lets a remote client sign in only when DEV_LOGIN_ALLOW_REMOTE says so (docker-compose on a loopback-published port)', async () => {
    const port = await freePort();
    const gw = await startGatewayTestApp({
      env: { PORT: String(port), HOST: '0.0.0.0', DEV_LOGIN_ALLOW_REMOTE: 'true' },
    });
    try {
      await listenGateway(gw.app, gw.config);
      expect((await devLogin(`http://${nonLoopbackAddress()}:${port}`)).status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
