import { request } from 'node:http';
import { connect } from 'node:net';
import { EgressProxy, parseAuthority, type EgressDecision } from './egress-proxy';

describe('EgressProxy', () => {
  let proxy: EgressProxy;
  let port: number;
  const blocked: EgressDecision[] = [];

  beforeAll(async () => {
    // `localhost` stands for an allowed registry name whose DNS answer points at the host.
    proxy = new EgressProxy({
      allowHosts: ['registry.npmjs.org', 'localhost', '127.0.0.1'],
      onBlocked: (decision) => blocked.push(decision),
    });
    port = await proxy.listen('127.0.0.1', 0);
  });

  afterAll(() => proxy.close());

  beforeEach(() => (blocked.length = 0));

  function connectThrough(target: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`),
      );
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString('utf8');
        if (answer.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(answer.split('\r\n')[0]);
        }
      });
      socket.on('error', reject);
    });
  }

  it('refuses and records hosts outside the allow-list', async () => {
    proxy.setPolicy('127.0.0.1', { sandboxId: 'sbx-1', registries: true, extraTargets: new Set() });
    expect(await connectThrough('example.com:443')).toBe('HTTP/1.1 403 Forbidden');
    expect(blocked).toEqual([
      {
        sandboxId: 'sbx-1',
        sourceIp: '127.0.0.1',
        host: 'example.com',
        port: 443,
        reason: 'not allowed for this sandbox',
      },
    ]);
  });

  it('refuses an allowed name once it resolves to loopback, and an allowed loopback literal', async () => {
    proxy.setPolicy('127.0.0.1', { sandboxId: 'sbx-1', registries: true, extraTargets: new Set(['127.0.0.1:8080']) });
    expect(await connectThrough('localhost:443')).toBe('HTTP/1.1 403 Forbidden');
    expect(await connectThrough('127.0.0.1:8080')).toBe('HTTP/1.1 403 Forbidden');
    expect(await connectThrough('[::ffff:127.0.0.1]:443')).toBe('HTTP/1.1 403 Forbidden');
    expect(blocked.map((decision) => decision.reason)).toEqual([
      expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address$/),
      '127.0.0.1 is a loopback address',
      'not allowed for this sandbox',
    ]);
  });

  it('refuses registry hosts on unusual ports and for sandboxes without registries access', async () => {
    proxy.setPolicy('127.0.0.1', { sandboxId: 'sbx-1', registries: true, extraTargets: new Set() });
    expect(proxy.isAllowed('127.0.0.1', 'registry.npmjs.org', 443)).toBe(true);
    expect(proxy.isAllowed('127.0.0.1', 'REGISTRY.npmjs.org', 443)).toBe(true);
    expect(proxy.isAllowed('127.0.0.1', 'registry.npmjs.org', 22)).toBe(false);
    proxy.setPolicy('127.0.0.1', { sandboxId: 'sbx-1', registries: false, extraTargets: new Set(['git.example:443']) });
    expect(proxy.isAllowed('127.0.0.1', 'registry.npmjs.org', 443)).toBe(false);
    expect(proxy.isAllowed('127.0.0.1', 'git.example', 443)).toBe(true);
  });

  it('refuses every source it has no policy for', async () => {
    proxy.removePolicy('127.0.0.1');
    expect(await connectThrough('registry.npmjs.org:443')).toBe('HTTP/1.1 403 Forbidden');
    expect(blocked[0]).toMatchObject({ sandboxId: null, host: 'registry.npmjs.org' });
  });

  it('refuses plain-http requests to hosts outside the allow-list', async () => {
    proxy.setPolicy('127.0.0.1', { sandboxId: 'sbx-2', registries: true, extraTargets: new Set() });
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: 'http://evil.example/x', method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(blocked).toEqual([
      {
        sandboxId: 'sbx-2',
        sourceIp: '127.0.0.1',
        host: 'evil.example',
        port: 80,
        reason: 'not allowed for this sandbox',
      },
    ]);
  });
});

describe('parseAuthority', () => {
  it('parses host:port and rejects the rest', () => {
    expect(parseAuthority('registry.npmjs.org:443')).toEqual({ host: 'registry.npmjs.org', port: 443 });
    expect(parseAuthority('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(parseAuthority('no-port')).toBeNull();
    expect(parseAuthority('host:99999')).toBeNull();
  });
});
