import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ChatOpenAI } from '@langchain/openai';
import { checkNewTaskEvent, newTaskEvent, type RunCodingStepCommand } from '@patchbay/contracts';
import type { SandboxClient } from '@patchbay/sandbox-client';
import {
  REFERENCE_MCP_SERVER,
  startFakeChatCompletionsServer,
  type FakeChatCompletionsServer,
} from '@patchbay/testing';
import { startMcpTools, type McpToolCallRecord } from '@patchbay/workspace-tools';
import { runCodingLoop } from './coding-loop';
import { startSandboxServiceFixture, type SandboxServiceFixture } from './testing/sandbox-service-fixture';

jest.setTimeout(300_000);

/**
 * The coder calls a tool of a real MCP stdio server from npm: the sandbox service installs it in
 * the task's gVisor sandbox through the registries egress and runs it there; the model (the local
 * chat-completions server) is offered the tool with the server's JSON schema, calls it, and reads
 * its answer in the next request; the call is reported for the task's event log.
 */
describe('MCP tools in the coding loop', () => {
  let sandbox: SandboxServiceFixture;
  let client: SandboxClient;
  let sandboxId: string;
  let model: FakeChatCompletionsServer;

  beforeAll(async () => {
    // The node image, with the registries network: the server is installed with npm through the egress.
    sandbox = await startSandboxServiceFixture(
      'coding-mcp',
      { SANDBOX_DEFAULT_MEMORY_MB: '1024' },
      { image: 'node', network: 'registries' },
    );
    ({ client, sandboxId } = sandbox);
    model = await startFakeChatCompletionsServer();
  });

  afterAll(async () => {
    await model?.close();
    await sandbox?.close();
  });

  it('offers the server tools with their schemas, runs the call in the sandbox and hands the answer back', async () => {
    const taskId = randomUUID();
    const servers = [{ name: 'everything', ...REFERENCE_MCP_SERVER, readOnlyTools: [] }];
    const command: RunCodingStepCommand = {
      requestId: randomUUID(),
      taskId,
      organisationId: randomUUID(),
      userId: randomUUID(),
      sandboxId,
      prompt: 'Ask the echo server to repeat a phrase',
      round: 1,
      constraints: {},
      plan: { summary: 'Echo', steps: [{ id: '1', title: 'Echo', detail: '', files: [] }], targetTests: [] },
      mcpServers: servers,
    };
    model.enqueue(
      {
        kind: 'tool_calls',
        toolCalls: [{ name: 'mcp__everything__echo', arguments: { message: 'patchbay meets MCP' } }],
      },
      { kind: 'text', content: 'The server echoed the phrase.' },
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
        mcpServers: servers,
        onMcpToolCall: async (call) => void calls.push(call),
      },
    );
    expect(result.stoppedBecause).toBe('done');

    const [first, second] = model.requests.map((request) => request.body);
    const offered = first?.tools?.find((tool) => tool.function.name === 'mcp__everything__echo');
    expect(offered?.function.parameters).toMatchObject({
      type: 'object',
      properties: { message: { type: 'string' } },
      required: ['message'],
    });
    // The coder (unlike the planner) is offered the server's tools that are not read-only too.
    expect(first?.tools?.map((tool) => tool.function.name)).toContain(
      'mcp__everything__trigger-long-running-operation',
    );
    const answer = second?.messages.find((message) => message.role === 'tool');
    expect(answer?.content).toBe('Echo: patchbay meets MCP');

    expect(calls).toEqual([
      expect.objectContaining({
        server: 'everything',
        tool: 'echo',
        args: { message: 'patchbay meets MCP' },
        ok: true,
        cutOff: false,
        resultBytes: expect.any(Number),
        durationMs: expect.any(Number),
      }),
    ]);
    // The record is a valid `mcp_tool_called` event as the coding round raises it.
    const event = newTaskEvent(taskId, 'mcp_tool_called', 'coding-agent', { ...calls[0], role: 'coder', round: 1 });
    expect(checkNewTaskEvent(event).ok).toBe(true);
  });

  it('offers planning only the tools declared read-only or annotated readOnlyHint', async () => {
    const server = { name: 'everything', ...REFERENCE_MCP_SERVER };
    const names = async (readOnlyOnly: boolean, readOnlyTools: string[] = []) =>
      (
        await startMcpTools(client, sandboxId, [{ ...server, readOnlyTools }], {
          readOnlyOnly,
          onCall: async () => undefined,
        })
      ).tools.map((tool) => tool.name);

    const coder = await names(false);
    const planner = await names(true);
    // echo is annotated readOnlyHint; the server's toggles and sampling triggers are not.
    expect(planner).toContain('mcp__everything__echo');
    const withheld = coder.filter((name) => !planner.includes(name));
    expect(withheld.length).toBeGreaterThan(0);
    expect(planner.every((name) => coder.includes(name))).toBe(true);
    // The organisation's declaration makes a tool read-only for planning whatever the server says.
    const declared = withheld[0].replace('mcp__everything__', '');
    expect(await names(true, [declared])).toContain(withheld[0]);
  });
});
