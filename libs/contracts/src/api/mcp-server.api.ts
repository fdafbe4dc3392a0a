import { z } from 'zod';
import { mcpPackageSpecSchema, mcpServerArgsSchema, mcpServerNameSchema } from '../sandbox/mcp-api.contract';

/** An https origin (`https://host[:port]`), the unit of the remote-server allow-list. */
export const httpsOriginSchema = z
  .string()
  .max(2_000)
  .regex(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'an allowed origin is https://host or https://host:port');

const readOnlyToolsSchema = z.array(z.string().min(1).max(128)).max(64).default([]);

/**
 * Registers an MCP server for the organisation, or for one of its repositories (ADR 0029).
 * stdio: an npm package pinned to an exact version, run inside each task's sandbox.
 * http: a remote server whose origin must be on the organisation's allow-list; its credential is
 * sealed like a model key and never returned.
 */
export const registerMcpServerRequestSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    transport: z.literal('stdio'),
    name: mcpServerNameSchema,
    repositoryId: z.uuid().optional(),
    package: mcpPackageSpecSchema,
    args: mcpServerArgsSchema.default([]),
    readOnlyTools: readOnlyToolsSchema,
  }),
  z.strictObject({
    transport: z.literal('http'),
    name: mcpServerNameSchema,
    repositoryId: z.uuid().optional(),
    url: z
      .url({ protocol: /^https$/, error: 'url must be an https URL' })
      .max(2_000)
      .refine((url) => !new URL(url).username && !new URL(url).password, 'url must not carry credentials'),
    credential: z.string().min(1).max(8_000).optional(),
    readOnlyTools: readOnlyToolsSchema,
  }),
]);
export type RegisterMcpServerRequest = z.input<typeof registerMcpServerRequestSchema>;
export type RegisterMcpServerCommand = z.output<typeof registerMcpServerRequestSchema>;

export interface McpServerView {
  id: string;
  name: string;
  transport: 'stdio' | 'http';
  /** Null for an organisation-wide server. */
  repositoryId: string | null;
  package: string | null;
  args: string[];
  url: string | null;
  /** Whether a credential is stored; the credential itself is never returned. */
  hasCredential: boolean;
  readOnlyTools: string[];
  createdAt: string;
}

export const setMcpRemoteAllowListRequestSchema = z.strictObject({
  origins: z.array(httpsOriginSchema).max(100),
});
export type SetMcpRemoteAllowListRequest = z.infer<typeof setMcpRemoteAllowListRequestSchema>;

export interface McpRemoteAllowListView {
  origins: string[];
}
