import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { ChatOpenAI } from '@langchain/openai';
import type { RunCodingStepCommand } from '@patchbay/contracts';
import type { SandboxClient } from '@patchbay/sandbox-client';
import {
  LocalKeyProvider,
  mcpCredentialAad,
  openMcpCredential,
  sealSecret,
  toMcpCredentialWire,
} from '@patchbay/secrets';
import {
  startFakeChatCompletionsServer,
  startRemoteMcpTestServer,
  type FakeChatCompletionsServer,
  type RemoteMcpTestServer,
} from '@patchbay/testing';
import { openMcpServers, startMcpTools, type McpToolCallRecord } from '@patchbay/workspace-tools';
import { runCodingLoop } from './coding-loop';
import { startSandboxServiceFixture, type SandboxServiceFixture } from './testing/sandbox-service-fixture';

jest.setTimeout(180_000);

/**
 * The coder calls a tool of a remote (Streamable HTTP) MCP server (ADR 0029): the sandbox service
 * connects to it for the task's sandbox with the bearer credential, the model is offered its tool,
 * calls it, and reads its answer in the next request. The server is on loopback with a
 * self-signed certificate: the sandbox service allows loopback and trusts that certificate only
 * because this spec sets SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK and SANDBOX_MCP_REMOTE_CA_FILE.
 */
describe('remote MCP tools in the coding loop', () => {
  const credential = `mcp-secret-${randomUUID()}`;
  let sandbox: SandboxServiceFixture;
  let client: SandboxClient;
  let sandboxId: string;
  let model: FakeChatCompletionsServer;
  let remote: RemoteMcpTestServer;

  beforeAll(async () => {
    remote = await startRemoteMcpTestServer(credential);
    // The connection is the sandbox service's, not the sandbox's: the sandbox itself has no network.
    sandbox = await startSandboxServiceFixture(
      'coding-remote-mcp',
      { SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK: 'true', SANDBOX_MCP_REMOTE_CA_FILE: remote.caFile },
      { image: 'base', network: 'none' },
    );
    ({ client, sandboxId } = sandbox);
    model = await startFakeChatCompletionsServer();
  });

  afterAll(async () => {
    await model?.close();
    await sandbox?.close();
    await remote?.close();
  });

  it('offers the remote tool, calls it with the credential and hands the answer to the next model request', async () => {
    // The credential crosses the bus sealed, as the gateway stored it; the coding agent opens it.
    const keyProvider = new LocalKeyProvider(randomBytes(32));
    const [organisationId, serverId] = [randomUUID(), randomUUID()];
    const sealed = await sealSecret(keyProvider, credential, mcpCredentialAad(organisationId, serverId));
    const command: RunCodingStepCommand = {
      requestId: randomUUID(),
      taskId: randomUUID(),
      organisationId,
      userId: randomUUID(),
      sandboxId,
      prompt: 'Find out why ticket 42 is open',
      round: 1,
      constraints: {},
      plan: { summary: 'Ticket', steps: [{ id: '1', title: 'Look it up', detail: '', files: [] }], targetTests: [] },
      mcpServers: [
        {
          name: 'tickets',
          url: remote.url,
          sealedCredential: toMcpCredentialWire(sealed, organisationId, serverId),
          readOnlyTools: [],
        },
      ],
    };
    expect(JSON.stringify(command)).not.toContain(credential);
    const opened = await openMcpServers(command.mcpServers ?? [], (secret) => openMcpCredential([keyProvider], secret));
    expect(opened.refused).toEqual([]);
    model.enqueue(
      { kind: 'tool_calls', toolCalls: [{ name: 'mcp__tickets__lookup', arguments: { id: '42' } }] },
      { kind: 'text', content: 'Ticket 42 is about the red build.' },
    );
    const calls: McpToolCallRecord[] = [];
    const result = await runCodingLoop(
      new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: 'sk-test-local', configuration: { baseURL: model.baseUrl } }),
      client,
      command,
      { fileModified: async () => undefined, commandExecuted: async () => undefined },
      {
        stepBudget: 4,
        isCancelled: async () => false,
        mcpServers: opened.launches,
        onMcpToolCall: async (call) => void calls.push(call),
      },
    );
    expect(result.stoppedBecause).toBe('done');

    const [first, second] = model.requests.map((request) => request.body);
    const offered = first?.tools?.find((tool) => tool.function.name === 'mcp__tickets__lookup');
    expect(offered?.function.parameters).toMatchObject({ type: 'object', properties: { id: { type: 'string' } } });
    const answer = second?.messages.find((message) => message.role === 'tool');
    expect(answer?.content).toBe('Ticket 42: the build is red');
    expect(remote.calls()).toBe(1);
    expect(calls).toEqual([
      expect.objectContaining({ server: 'tickets', tool: 'lookup', args: { id: '42' }, ok: true }),
    ]);
    // The credential reached the server only: not the model, not the call record.
    expect(JSON.stringify(model.requests)).not.toContain(credential);
    expect(JSON.stringify(calls)).not.toContain(credential);
  });

  it('reports a wrong credential as the server being unavailable, without repeating the credential', async () => {
    const wrong = `wrong-secret-${randomUUID()}`;
    const offered = await startMcpTools(
      client,
      sandboxId,
      [{ name: 'tickets-wrong', url: remote.url, credential: wrong, readOnlyTools: [] }],
      { readOnlyOnly: false, onCall: async () => undefined },
    );
    expect(offered.tools).toEqual([]);
    expect(offered.unavailable).toEqual([
      { server: 'tickets-wrong', reason: expect.stringContaining('the server refused the credential (HTTP 401)') },
    ]);
    // The test server echoes the presented header in its 401 answer; none of it comes back.
    expect(JSON.stringify(offered.unavailable)).not.toContain(wrong);
    expect(JSON.stringify(await client.listMcpServers(sandboxId))).not.toContain(wrong);

    const missing = await startMcpTools(
      client,
      sandboxId,
      [{ name: 'tickets-anon', url: remote.url, readOnlyTools: [] }],
      { readOnlyOnly: false, onCall: async () => undefined },
    );
    expect(missing.unavailable).toEqual([
      { server: 'tickets-anon', reason: expect.stringContaining('the server refused the credential (HTTP 401)') },
    ]);
  });

  it('cuts off a remote server whose answer is larger than the cap', async () => {
    const offered = await startMcpTools(
      client,
      sandboxId,
      [{ name: 'tickets-big', url: remote.url, credential, readOnlyTools: [] }],
      { readOnlyOnly: false, onCall: async () => undefined },
    );
    const lookup = offered.tools.find((tool) => tool.name === 'mcp__tickets-big__lookup');
    expect(lookup).toBeDefined();
    remote.inflate(2 * 1024 * 1024);
    try {
      await expect(lookup?.run({ id: '7' })).rejects.toThrow(/cut off .*larger than 1048576 bytes/);
      // Cut off for good: the next call is refused without reaching the server.
      const before = remote.calls();
      await expect(lookup?.run({ id: '8' })).rejects.toThrow(/cut off/);
      expect(remote.calls()).toBe(before);
    } finally {
      remote.inflate(0);
    }
  });
});
