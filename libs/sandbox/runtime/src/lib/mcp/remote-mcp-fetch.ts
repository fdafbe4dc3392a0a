import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable, Transform } from 'node:stream';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { describe, type EgressAddressPolicy } from '../egress-address-policy';

export interface RemoteMcpNetwork {
  addresses: EgressAddressPolicy;
  /** Test and development only (SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK). */
  allowLoopback: boolean;
  /** Certificate authorities to trust (the system's plus SANDBOX_MCP_REMOTE_CA_FILE's); undefined: the system's. */
  ca: string[] | undefined;
}

/**
 * The `fetch` the SDK's StreamableHTTPClientTransport uses for one remote MCP server. The
 * organisation's allow-list is a statement about names; what is connected to is the address the
 * name resolves to, checked here in the socket's own lookup (so what is checked is what is used)
 * with the egress proxy's policy: loopback, link-local, multicast and the host's own addresses
 * are refused, private ranges unless the operator lists them. Only https; redirects are not
 * followed; a response body larger than `maxBytes` is cut. `failure` keeps the first such refusal
 * so the session can say why instead of the SDK's generic error.
 */
export class RemoteMcpFetch {
  failure: string | null = null;

  constructor(
    private readonly network: RemoteMcpNetwork,
    private readonly maxBytes: number,
  ) {}

  readonly fetch: FetchLike = (input, init) => {
    const url = new URL(String(input));
    if (url.protocol !== 'https:') return Promise.reject(this.fail(`${url.origin} is not an https URL`));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // An IP literal is connected to without a lookup: it is checked here instead.
    if (isIP(host)) {
      const refusal = this.refusalOf(host, host);
      if (refusal) return Promise.reject(this.fail(refusal));
    }
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: init?.method ?? 'GET',
          headers,
          lookup: this.checkedLookup,
          ...(this.network.ca ? { ca: this.network.ca } : {}),
          ...(init?.signal ? { signal: init.signal } : {}),
        },
        (incoming) => {
          const status = incoming.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(incoming.headers))
            if (value !== undefined) responseHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
          const noBody = status === 204 || status === 304 || init?.method === 'HEAD';
          if (noBody) incoming.resume();
          const body = noBody ? null : (Readable.toWeb(incoming.pipe(this.capped())) as ReadableStream<Uint8Array>);
          resolve(new Response(body, { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders }));
        },
      );
      outgoing.on('error', (error) => reject(this.failure ? new Error(this.failure) : error));
      const payload = init?.body;
      if (typeof payload === 'string' || payload instanceof Uint8Array) outgoing.end(payload);
      else outgoing.end();
    });
  };

  private readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, answers: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (answers.length === 0) return callback(this.fail(`${hostname} does not resolve`), '', 0);
      for (const answer of answers) {
        const refusal = this.refusalOf(hostname, answer.address);
        if (refusal) return callback(this.fail(refusal), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, answers);
      const first = answers[0];
      return callback(null, first.address, first.family);
    });
  };

  private refusalOf(host: string, address: string): string | null {
    const kind = this.network.addresses.classify(address);
    if (kind === null || (kind === 'loopback' && this.network.allowLoopback)) return null;
    return `refused to connect: ${describe(host, address, kind)}`;
  }

  private capped(): Transform {
    let seen = 0;
    const limit = this.maxBytes;
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        seen += chunk.length;
        if (seen > limit) return done(this.fail(`the server sent an answer larger than ${limit} bytes`));
        done(null, chunk);
      },
    });
  }

  private fail(reason: string): Error {
    this.failure ??= reason;
    return new Error(reason);
  }
}
