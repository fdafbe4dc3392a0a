import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export interface RemoteMcpTestServer {
  /** `https://127.0.0.1:<port>/mcp` */
  url: string;
  origin: string;
  /** The bearer token it requires. */
  token: string;
  /** The PEM of its throw-away self-signed certificate (for 127.0.0.1), to trust it. */
  caFile: string;
  /** How many tool calls it answered. */
  calls: () => number;
  /** Makes the next answers larger than `bytes` (a misbehaving server). */
  inflate: (bytes: number) => void;
  close: () => Promise<void>;
}

/**
 * A small remote MCP server over Streamable HTTP, on loopback with a self-signed certificate
 * (stateless: one SDK server per request). It requires `Authorization: Bearer <token>`, and its
 * 401 answer echoes whatever was presented, so a spec can prove a wrong credential is not leaked
 * by whoever reports the refusal. One tool, `lookup` (read-only), answers `Ticket <id>: …`.
 */
export async function startRemoteMcpTestServer(token: string): Promise<RemoteMcpTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'remote-mcp-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  let calls = 0;
  let padding = 0;
  const mcp = () => {
    const server = new Server({ name: 'tickets', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [
        {
          name: 'lookup',
          description: 'Looks up a ticket by its id',
          inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          annotations: { readOnlyHint: true },
        },
      ],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      calls += 1;
      const id = String(request.params.arguments?.['id'] ?? '?');
      return { content: [{ type: 'text', text: `Ticket ${id}: the build is red${'.'.repeat(padding)}` }] };
    });
    return server;
  };
  const https: HttpsServer = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(`unauthorized: presented "${req.headers.authorization ?? ''}"`);
        return;
      }
      const server = mcp();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      void server.connect(transport).then(() => transport.handleRequest(req, res));
    },
  );
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  const { port } = https.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/mcp`,
    origin: `https://127.0.0.1:${port}`,
    token,
    caFile: join(dir, 'cert.pem'),
    calls: () => calls,
    inflate: (bytes) => (padding = bytes),
    close: async () => {
      https.closeAllConnections();
      await new Promise<void>((resolve) => https.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
