import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { randomUUID } from 'node:crypto';
import { startRemoteMcpTestServer, type RemoteMcpTestServer } from '@patchbay/testing';
import { EgressAddressPolicy } from '../egress-address-policy';
import { RemoteMcpFetch } from './remote-mcp-fetch';

/**
 * The address a remote MCP server's name resolves to is checked when the sandbox service
 * connects (ADR 0029): loopback is refused unless the operator's test/development setting allows
 * it, and only https is spoken. Against a real local https server.
 */
describe('RemoteMcpFetch', () => {
  let remote: RemoteMcpTestServer;
  let ca: string[];

  beforeAll(async () => {
    remote = await startRemoteMcpTestServer(`token-${randomUUID()}`);
    ca = [...rootCertificates, readFileSync(remote.caFile, 'utf8')];
  });

  afterAll(() => remote?.close());

  it('refuses loopback, by IP literal and by name, unless loopback is allowed', async () => {
    const strict = new RemoteMcpFetch({ addresses: new EgressAddressPolicy([]), allowLoopback: false, ca }, 1024);
    await expect(strict.fetch(remote.url, { method: 'POST', body: '{}' })).rejects.toThrow(
      'refused to connect: 127.0.0.1 is a loopback address',
    );
    expect(strict.failure).toBe('refused to connect: 127.0.0.1 is a loopback address');
    const byName = new RemoteMcpFetch({ addresses: new EgressAddressPolicy([]), allowLoopback: false, ca }, 1024);
    await expect(byName.fetch(remote.url.replace('127.0.0.1', 'localhost'))).rejects.toThrow(
      /refused to connect: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );

    const allowed = new RemoteMcpFetch({ addresses: new EgressAddressPolicy([]), allowLoopback: true, ca }, 1024);
    const response = await allowed.fetch(remote.url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });

  it('speaks https only', async () => {
    const guarded = new RemoteMcpFetch({ addresses: new EgressAddressPolicy([]), allowLoopback: true, ca }, 1024);
    await expect(guarded.fetch(remote.url.replace('https:', 'http:'))).rejects.toThrow('is not an https URL');
  });

  it('does not trust a self-signed certificate it was not given', async () => {
    const guarded = new RemoteMcpFetch(
      { addresses: new EgressAddressPolicy([]), allowLoopback: true, ca: undefined },
      1024,
    );
    await expect(guarded.fetch(remote.url, { method: 'POST', body: '{}' })).rejects.toThrow(/self-signed|certificate/);
  });
});
