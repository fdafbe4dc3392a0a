import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { StartMcpServerCommand } from '@patchbay/contracts';
import type { EgressAddressPolicy } from '../egress-address-policy';
import type { SandboxConfig } from '../sandbox-config';
import { McpSession } from './mcp-session';
import { RemoteMcpFetch, type RemoteMcpNetwork } from './remote-mcp-fetch';

export type RemoteMcpStart = Extract<StartMcpServerCommand, { url: string }>;

/** The network rules for remote servers, from the egress policy and the operator's settings. */
export function remoteMcpNetwork(addresses: EgressAddressPolicy, config: SandboxConfig['mcpRemote']): RemoteMcpNetwork {
  return {
    addresses,
    allowLoopback: config.allowLoopback,
    ca: config.caFile ? [...rootCertificates, readFileSync(config.caFile, 'utf8')] : undefined,
  };
}

/** The SDK's Streamable HTTP client transport over the checked fetch; its `failure` is the fetch's. */
class RemoteMcpTransport extends StreamableHTTPClientTransport {
  constructor(
    url: URL,
    private readonly guarded: RemoteMcpFetch,
    credential: string | undefined,
  ) {
    super(url, {
      fetch: guarded.fetch,
      requestInit: credential ? { headers: { Authorization: `Bearer ${credential}` } } : {},
    });
  }

  get failure(): string | null {
    return this.guarded.failure;
  }
}

/**
 * A session with a remote server, not yet opened. The credential goes only into the Authorization
 * header: every text the session gives out (reasons, answers, errors) has it removed, in case a
 * server echoes it back.
 */
export function openRemoteMcpSession(command: RemoteMcpStart, network: RemoteMcpNetwork, maxBytes: number): McpSession {
  const guarded = new RemoteMcpFetch(network, maxBytes);
  const transport = new RemoteMcpTransport(new URL(command.url), guarded, command.credential);
  const credential = command.credential;
  const scrub = credential ? (text: string) => text.split(credential).join('[credential]') : undefined;
  return new McpSession(command.name, command.url, transport, async () => undefined, scrub);
}
