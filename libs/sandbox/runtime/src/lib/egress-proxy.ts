import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { EgressAddressPolicy } from './egress-address-policy';

/** What one sandbox, identified by its address on the internal egress network, may reach. */
export interface EgressPolicy {
  sandboxId: string;
  /** Registry hosts from the service-wide allow-list; false for sandboxes in `none` mode. */
  registries: boolean;
  /** Extra `host:port` pairs, e.g. the git server during a clone. */
  extraTargets: Set<string>;
}

export interface EgressDecision {
  sandboxId: string | null;
  sourceIp: string;
  host: string;
  port: number;
  /** Why it was refused: not allowed for this sandbox, or where the name pointed. */
  reason: string;
}

export interface EgressProxyOptions {
  allowHosts: string[];
  /** Judges the address an allowed name resolves to; default: no private ranges allowed. */
  addresses?: EgressAddressPolicy;
  onBlocked: (decision: EgressDecision) => void;
}

const NOT_ALLOWED = 'not allowed for this sandbox';

const REGISTRY_PORTS = new Set([80, 443]);

/**
 * A filtering HTTP proxy (CONNECT tunnels for https, absolute-form requests for plain http) that is
 * the only peer sandboxes in `registries` mode can reach: their container sits on an internal Docker
 * network with no route out, so whatever this proxy refuses cannot leave the machine.
 */
export class EgressProxy {
  private readonly server: Server;
  private readonly policies = new Map<string, EgressPolicy>();
  private readonly allowHosts: Set<string>;
  private readonly sockets = new Set<Socket>();
  private readonly addresses: EgressAddressPolicy;

  constructor(private readonly options: EgressProxyOptions) {
    this.addresses = options.addresses ?? new EgressAddressPolicy([]);
    this.allowHosts = new Set(options.allowHosts.map((host) => host.toLowerCase()));
    this.server = createServer((req, res) => this.forwardPlainHttp(req, res));
    this.server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => this.tunnel(req, socket, head));
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  setPolicy(sourceIp: string, policy: EgressPolicy): void {
    this.policies.set(sourceIp, policy);
  }

  removePolicy(sourceIp: string): void {
    this.policies.delete(sourceIp);
  }

  isAllowed(sourceIp: string, host: string, port: number): boolean {
    const policy = this.policies.get(sourceIp);
    if (!policy) return false;
    const name = host.toLowerCase();
    if (policy.extraTargets.has(`${name}:${port}`)) return true;
    return policy.registries && REGISTRY_PORTS.has(port) && this.allowHosts.has(name);
  }

  /**
   * The name must be allowed for the sandbox, then the address it resolves to must be one a
   * sandbox may reach; the answer is the address to connect to (never resolved a second time).
   */
  private async decide(req: IncomingMessage, host: string, port: number): Promise<string | null> {
    const sourceIp = normaliseIp(req.socket.remoteAddress ?? '');
    const refuse = (reason: string) => {
      this.options.onBlocked({
        sandboxId: this.policies.get(sourceIp)?.sandboxId ?? null,
        sourceIp,
        host,
        port,
        reason,
      });
      return null;
    };
    if (!this.isAllowed(sourceIp, host, port)) return refuse(NOT_ALLOWED);
    const target = await this.addresses.resolve(host);
    return target.ok ? target.address : refuse(target.reason);
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    // After a CONNECT the socket is ours; a sandbox resetting it must not surface as an unhandled error.
    client.on('error', () => client.destroy());
    const target = parseAuthority(req.url ?? '');
    if (!target) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    void this.decide(req, target.host, target.port).then((address) => {
      if (address === null) client.end(refusal(target.host));
      else if (!client.destroyed) this.open(client, address, target.port, head);
    });
  }

  private open(client: Socket, address: string, port: number, head: Buffer): void {
    const upstream = connect(port, address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.on('close', () => upstream.destroy());
  }

  private forwardPlainHttp(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request URL required');
      return;
    }
    if (url.protocol !== 'http:') {
      res.writeHead(400).end('only http:// URLs are proxied without CONNECT');
      return;
    }
    const port = url.port ? Number(url.port) : 80;
    // Brackets of an IPv6 literal are URL syntax, not part of the address.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // The body waits until the decision is made; nothing of it is lost meanwhile.
    req.pause();
    void this.decide(req, host, port).then((address) => {
      if (address === null) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end(`patchbay sandbox egress policy refused ${host}\n`);
        req.resume();
        return;
      }
      this.forwardTo(req, res, url, address, port);
    });
  }

  private forwardTo(req: IncomingMessage, res: ServerResponse, url: URL, address: string, port: number): void {
    const upstream = httpRequest(
      { host: address, port, path: `${url.pathname}${url.search}`, method: req.method, headers: req.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  }
}

function refusal(host: string): string {
  const body = `patchbay sandbox egress policy refused ${host}\n`;
  return `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

export function parseAuthority(authority: string): { host: string; port: number } | null {
  const match = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(authority);
  if (!match) return null;
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return null;
  return { host: match[1], port };
}

function normaliseIp(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
