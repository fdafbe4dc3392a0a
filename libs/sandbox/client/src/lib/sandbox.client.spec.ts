import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { SANDBOX_API_PREFIX } from '@patchbay/contracts';
import { SandboxClient } from './sandbox.client';

/** A sandbox service stand-in on a fixed port that is down for a while (a restart), then answers. */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

describe('SandboxClient while the sandbox service restarts', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  function serve(port: number, seen: string[]): Promise<void> {
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ removed: 2 }));
    });
    server.listen(port, '127.0.0.1');
    return once(server, 'listening').then(() => undefined);
  }

  it('sends a request again until the service answers', async () => {
    const port = await freePort();
    const seen: string[] = [];
    const client = new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: 't'.repeat(20) });
    const answered = client.destroyForTask('task-1:1');
    await new Promise((done) => setTimeout(done, 1_200));
    expect(seen).toEqual([]);
    await serve(port, seen);
    await expect(answered).resolves.toBe(2);
    expect(seen).toEqual([`DELETE ${SANDBOX_API_PREFIX}?taskId=task-1%3A1`]);
  });

  it('gives up after its patience, with the connection error', async () => {
    const port = await freePort();
    const client = new SandboxClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token: 't'.repeat(20),
      restartPatienceMs: 500,
    });
    const started = Date.now();
    await expect(client.get('sbx-1')).rejects.toThrow('fetch failed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('does not repeat a request that got an HTTP answer', async () => {
    const port = await freePort();
    const seen: string[] = [];
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'engine away' }));
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    const client = new SandboxClient({ baseUrl: `http://127.0.0.1:${port}`, token: 't'.repeat(20) });
    await expect(client.get('sbx-1')).rejects.toThrow();
    expect(seen).toHaveLength(1);
  });
});
