import 'reflect-metadata';
import { REFERENCE_MCP_SERVER } from '@patchbay/testing';
import { startSandboxService, type SandboxServiceFixture } from '../../testing/sandbox-service-fixture';

jest.setTimeout(300_000);

/**
 * A real MCP stdio server from npm, installed by the sandbox service with npm inside a gVisor
 * sandbox through its registries-only egress, run there, and spoken to over the exec's stdio.
 */
describe('MCP stdio servers inside a sandbox', () => {
  let service: SandboxServiceFixture;
  let sandboxId: string;

  beforeAll(async () => {
    service = await startSandboxService();
    sandboxId = await service.sandbox({ taskId: 'mcp-stdio', image: 'node', network: 'registries' });
  });

  afterAll(() => service.close());

  it('installs the server through the registries egress, lists its tools and calls one', async () => {
    const started = await service.client.startMcpServer(sandboxId, { name: 'everything', ...REFERENCE_MCP_SERVER });
    expect(started.state).toBe('running');
    const echo = started.tools.find((tool) => tool.name === 'echo');
    expect(echo).toMatchObject({ readOnlyHint: true, inputSchema: { type: 'object', required: ['message'] } });

    const result = await service.client.callMcpTool(sandboxId, 'everything', {
      tool: 'echo',
      arguments: { message: 'hello from inside the sandbox' },
    });
    expect(result).toMatchObject({ outcome: 'ok', isError: false, text: 'Echo: hello from inside the sandbox' });
    if (result.outcome === 'ok') expect(result.resultBytes).toBeGreaterThan(0);

    // The server is a process of the sandbox, not of the host.
    const inside = await service.client.exec(sandboxId, { command: 'pgrep -f server-everything' });
    expect(inside.exitCode).toBe(0);

    // Starting it again under the same name is the same server, not a second one.
    const again = await service.client.startMcpServer(sandboxId, { name: 'everything', ...REFERENCE_MCP_SERVER });
    expect(again.state).toBe('running');
  });

  it('cuts off a server whose call outlives its timeout, and refuses every later call', async () => {
    await service.client.startMcpServer(sandboxId, { name: 'slow', ...REFERENCE_MCP_SERVER });
    const timedOut = await service.client.callMcpTool(sandboxId, 'slow', {
      tool: 'trigger-long-running-operation',
      arguments: { duration: 60, steps: 2 },
      timeoutMs: 1_500,
    });
    expect(timedOut).toMatchObject({
      outcome: 'cut_off',
      reason: expect.stringContaining('did not answer within 1500 ms'),
    });

    const later = await service.client.callMcpTool(sandboxId, 'slow', { tool: 'echo', arguments: { message: 'x' } });
    expect(later).toMatchObject({ outcome: 'cut_off', reason: timedOut.outcome === 'cut_off' ? timedOut.reason : '' });
    const [slow] = (await service.client.listMcpServers(sandboxId)).filter((server) => server.name === 'slow');
    expect(slow).toMatchObject({ state: 'cut_off' });

    // The other server in the same sandbox is not affected.
    const other = await service.client.callMcpTool(sandboxId, 'everything', {
      tool: 'echo',
      arguments: { message: 'y' },
    });
    expect(other).toMatchObject({ outcome: 'ok' });
  });

  it('refuses a package without an exact version and a tool the server does not offer', async () => {
    await expect(
      service.client.startMcpServer(sandboxId, {
        name: 'ranged',
        package: '@modelcontextprotocol/server-everything@^2026.8.31',
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      service.client.callMcpTool(sandboxId, 'everything', { tool: 'no-such-tool', arguments: {} }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
