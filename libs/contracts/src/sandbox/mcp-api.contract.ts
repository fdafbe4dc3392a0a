import { z } from 'zod';

/**
 * MCP stdio servers run inside a task's sandbox (ADR 0029): the sandbox service installs the
 * server's npm package through the sandbox's own egress, runs it there, and speaks MCP with it.
 * Agents reach its tools only through these routes, under `SANDBOX_API_PREFIX/:id/mcp/servers`.
 */

/** A server's name becomes part of a tool name (`mcp__<server>__<tool>`), so it is kept short and plain. */
export const mcpServerNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'name must be lower-case letters, digits and -, starting with a letter');

/**
 * An npm package pinned to an exact version: a range would let the registry decide what code runs
 * in the sandbox tomorrow. The name is restricted to npm's own grammar so it can never be read as
 * an option or a path.
 */
export const mcpPackageSpecSchema = z
  .string()
  .max(214)
  .regex(
    /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*@\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/,
    'package must be an npm package name with an exact version, such as "@scope/name@1.2.3"',
  );

export const mcpServerArgsSchema = z.array(z.string().max(1_000)).max(20);

/** How long installing and starting (the MCP handshake included) may take. */
const startTimeoutMsSchema = z
  .number()
  .int()
  .min(1_000)
  .max(10 * 60_000)
  .optional();

/**
 * A remote (Streamable HTTP) server's URL. Registration requires https at an allowed origin; the
 * sandbox service accepts plain http only for loopback and only when its operator allows loopback
 * servers (SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK, tests and development).
 */
export const mcpRemoteUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  }, 'url must not carry credentials');

export const startMcpServerRequestSchema = z.union([
  z.strictObject({
    name: mcpServerNameSchema,
    package: mcpPackageSpecSchema,
    args: mcpServerArgsSchema.default([]),
    startTimeoutMs: startTimeoutMsSchema,
  }),
  /**
   * A remote server: the sandbox service connects to it (checking the address it resolves to) and
   * sends the credential as `Authorization: Bearer …`; the credential is never echoed back.
   */
  z.strictObject({
    name: mcpServerNameSchema,
    url: mcpRemoteUrlSchema,
    credential: z.string().min(1).max(8_000).optional(),
    startTimeoutMs: startTimeoutMsSchema,
  }),
]);
export type StartMcpServerRequest = z.input<typeof startMcpServerRequestSchema>;
export type StartMcpServerCommand = z.output<typeof startMcpServerRequestSchema>;

/** One tool as the server described it; `inputSchema` is the server's JSON schema, passed on untouched. */
export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  /** The server's own `readOnlyHint` annotation: a claim, not a guarantee (docs/security.md). */
  readOnlyHint: boolean;
}

export const MCP_SERVER_STATES = ['running', 'cut_off'] as const;
export type McpServerState = (typeof MCP_SERVER_STATES)[number];

export interface McpServerInfo {
  name: string;
  /** The npm package of a stdio server, or the URL of a remote one. */
  package: string;
  state: McpServerState;
  /** Why the server was cut off (timed out, crashed, malformed or oversized answer); null while running. */
  cutOffReason: string | null;
  tools: McpToolInfo[];
}

export const callMcpToolRequestSchema = z.strictObject({
  tool: z.string().min(1).max(128),
  arguments: z.record(z.string(), z.unknown()).default({}),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(10 * 60_000)
    .optional(),
});
export type CallMcpToolRequest = z.input<typeof callMcpToolRequestSchema>;
export type CallMcpToolCommand = z.output<typeof callMcpToolRequestSchema>;

/**
 * `ok`: the tool answered (`isError` is the tool's own verdict on its work). `cut_off`: the server
 * misbehaved on this call or before it and no longer runs; every later call is refused the same way.
 */
export type McpToolCallResult =
  | { outcome: 'ok'; isError: boolean; text: string; resultBytes: number; durationMs: number }
  | { outcome: 'cut_off'; reason: string; durationMs: number };

/**
 * An MCP server (stdio or remote) as it travels to an agent for one task: what to start in the sandbox, and
 * which of its tools the organisation declared read-only (the planner is offered only those and
 * the ones the server itself annotates `readOnlyHint`).
 */
export const mcpServerLaunchSchema = z.union([
  z.object({
    name: mcpServerNameSchema,
    package: mcpPackageSpecSchema,
    args: mcpServerArgsSchema.default([]),
    readOnlyTools: z.array(z.string().max(128)).max(64).default([]),
  }),
  /**
   * A remote server, already checked against the organisation's allow-list. `credential` is the
   * unsealed bearer token: it travels only to the sandbox service and is never logged or recorded.
   */
  z.object({
    name: mcpServerNameSchema,
    url: mcpRemoteUrlSchema,
    credential: z.string().min(1).max(8_000).optional(),
    readOnlyTools: z.array(z.string().max(128)).max(64).default([]),
  }),
]);
export type McpServerLaunch = z.output<typeof mcpServerLaunchSchema>;

/**
 * A remote server's credential as the gateway sealed it (envelope encryption, ADR 0004), with the
 * ids its AAD binds it to. It crosses the bus sealed — bus messages are persisted by the broker —
 * and is opened only by the agent that connects through the sandbox service.
 */
export const sealedMcpCredentialSchema = z.object({
  keyProvider: z.string().min(1),
  keyId: z.string().min(1),
  encryptedDataKey: z.string().min(1),
  iv: z.string().min(1),
  authTag: z.string().min(1),
  ciphertext: z.string().min(1),
  organisationId: z.string().min(1),
  serverId: z.string().min(1),
});
export type SealedMcpCredential = z.infer<typeof sealedMcpCredentialSchema>;

/**
 * An MCP server as a coding round's request carries it over the bus: a stdio server as it is
 * launched, a remote one with its credential still sealed (the coding agent opens it).
 */
export const codingMcpServerSchema = z.union([
  mcpServerLaunchSchema.options[0],
  z.object({
    name: mcpServerNameSchema,
    url: mcpRemoteUrlSchema,
    sealedCredential: sealedMcpCredentialSchema.optional(),
    readOnlyTools: z.array(z.string().max(128)).max(64).default([]),
  }),
]);
export type CodingMcpServer = z.output<typeof codingMcpServerSchema>;
