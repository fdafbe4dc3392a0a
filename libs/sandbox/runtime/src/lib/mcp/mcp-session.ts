import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerInfo, McpToolCallResult, McpToolInfo } from '@patchbay/contracts';

/** A transport that can say why the server (not we) ended the connection: crash, malformed or oversized output, refused address. */
export type McpSessionTransport = Transport & { readonly failure: string | null };

/** Most tools a server may offer; a server that lists more is not describing a tool set but flooding the prompt. */
const MAX_TOOLS = 64;
const MAX_DESCRIPTION_CHARS = 2_000;
/** Errors the SDK raises itself when the server stops answering, as opposed to errors the server sent. */
const CONNECTION_FAILURES = new Set<number>([ErrorCode.ConnectionClosed, ErrorCode.RequestTimeout]);

/**
 * One MCP server used from one sandbox: a stdio server running in it, or a remote server the
 * sandbox service connects to for it. It is trusted with nothing: a call that times out, a
 * crash, an answer that is not MCP or is too large cuts it off — the process is killed, and every
 * later call is answered `cut_off` with the first reason. It is never restarted for the task.
 */
export class McpSession {
  private cutOffReason: string | null = null;
  private tools: McpToolInfo[] = [];
  private readonly client = new Client({ name: 'patchbay', version: '1.0.0' }, { capabilities: {} });

  constructor(
    readonly name: string,
    readonly packageSpec: string,
    private readonly transport: McpSessionTransport,
    /** Kills what is left of the server's processes once it is cut off (nothing to kill for a remote server). */
    private readonly kill: () => Promise<void>,
    /** Removes what must never leave the session (a remote server's credential) from every text it gives out. */
    private readonly scrub: (text: string) => string = (text) => text,
  ) {}

  /** Connects (the MCP handshake) and reads the tool list; a failure cuts the server off and is thrown. */
  async open(timeoutMs: number): Promise<void> {
    try {
      await this.client.connect(this.transport, { timeout: timeoutMs });
      const tools: McpToolInfo[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.client.listTools(cursor ? { cursor } : {}, { timeout: timeoutMs });
        for (const tool of page.tools)
          tools.push({
            name: tool.name,
            description: this.scrub((tool.description ?? tool.title ?? tool.name).slice(0, MAX_DESCRIPTION_CHARS)),
            inputSchema: tool.inputSchema,
            readOnlyHint: tool.annotations?.readOnlyHint === true,
          });
        if (tools.length > MAX_TOOLS) throw new Error(`the server lists more than ${MAX_TOOLS} tools`);
        cursor = page.nextCursor;
      } while (cursor);
      this.tools = tools;
    } catch (error) {
      await this.cutOff(this.reasonOf(error, timeoutMs));
      throw new Error(this.cutOffReason ?? 'the server could not be started');
    }
  }

  get state(): 'running' | 'cut_off' {
    return this.cutOffReason === null ? 'running' : 'cut_off';
  }

  info(): McpServerInfo {
    return {
      name: this.name,
      package: this.packageSpec,
      state: this.state,
      cutOffReason: this.cutOffReason,
      tools: this.tools,
    };
  }

  hasTool(name: string): boolean {
    return this.tools.some((tool) => tool.name === name);
  }

  async call(tool: string, args: Record<string, unknown>, timeoutMs: number): Promise<McpToolCallResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (this.cutOffReason !== null) return { outcome: 'cut_off', reason: this.cutOffReason, durationMs: 0 };
    try {
      // One deadline for the whole call: progress notifications do not buy a server more time.
      const result = (await this.client.callTool({ name: tool, arguments: args }, undefined, {
        timeout: timeoutMs,
        maxTotalTimeout: timeoutMs,
      })) as CallToolResult;
      return {
        outcome: 'ok',
        isError: result.isError === true,
        text: this.scrub(textOf(result)),
        resultBytes: Buffer.byteLength(JSON.stringify(result)),
        durationMs: elapsed(),
      };
    } catch (error) {
      // A JSON-RPC error answer (unknown tool, invalid arguments) is the protocol working: the model reads it.
      if (error instanceof McpError && !CONNECTION_FAILURES.has(error.code) && !this.transport.failure) {
        const text = this.scrub(`error ${error.code}: ${error.message.slice(0, 2_000)}`);
        return { outcome: 'ok', isError: true, text, resultBytes: Buffer.byteLength(text), durationMs: elapsed() };
      }
      await this.cutOff(this.reasonOf(error, timeoutMs, tool));
      return { outcome: 'cut_off', reason: this.cutOffReason ?? 'cut off', durationMs: elapsed() };
    }
  }

  /** Idempotent: the first reason stands. */
  async cutOff(reason: string): Promise<void> {
    if (this.cutOffReason !== null) return;
    this.cutOffReason = this.scrub(reason);
    await this.client.close().catch(() => undefined);
    await this.kill().catch(() => undefined);
  }

  /** The transport's own finding (crash, malformed or oversized output) explains more than the SDK's "connection closed". */
  private reasonOf(error: unknown, timeoutMs: number, tool?: string): string {
    if (this.transport.failure) return this.transport.failure;
    const message = error instanceof Error ? error.message : String(error);
    // The refusal's body is the server's text and may quote what was presented: only the status is kept.
    if (error instanceof StreamableHTTPError && (error.code === 401 || error.code === 403))
      return `the server refused the credential (HTTP ${error.code})`;
    if (/timed out|timeout/i.test(message))
      return `${tool ? `the call of ${tool}` : 'starting the server'} did not answer within ${timeoutMs} ms`;
    return `the server broke the protocol: ${message.slice(0, 300)}`;
  }
}

/**
 * What the model reads of a tool's answer: its text parts as they are, other parts named by kind.
 * A structured result without text is given as JSON.
 */
function textOf(result: CallToolResult): string {
  const parts = (result.content ?? []).map((part) => {
    if (part.type === 'text') return part.text;
    if (part.type === 'resource' && 'text' in part.resource) return String(part.resource.text);
    if (part.type === 'resource_link') return `[resource ${part.uri}]`;
    return `[${part.type} content]`;
  });
  if (parts.length === 0 && result.structuredContent) return JSON.stringify(result.structuredContent);
  return parts.join('\n');
}
