import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import semver from 'semver';

/**
 * A local server speaking the two parts of the npm registry protocol the research agent uses:
 * the packument (`GET /<name>`, scoped names as `/@scope%2fname` or `/@scope/name`) and the bulk
 * advisory endpoint (`POST /-/npm/v1/security/advisories/bulk` with `{ "<name>": ["<version>"] }`,
 * answered with the advisories whose `vulnerable_versions` range includes a posted version, as the
 * registry does). Unknown packages are 404 `{"error":"Not found"}` like the registry's.
 */
export interface FakeNpmRegistryRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface FakeNpmRegistry {
  url: string;
  requests: FakeNpmRegistryRequest[];
  addPackage(packument: Record<string, unknown>): void;
  addAdvisory(name: string, advisory: Record<string, unknown> & { vulnerable_versions: string }): void;
  /** Every later request waits this long first (for timeout tests). */
  delayMs: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
export const BULK_ADVISORIES_PATH = '/-/npm/v1/security/advisories/bulk';

export async function startFakeNpmRegistry(
  initial: {
    packages?: Array<Record<string, unknown>>;
    advisories?: Record<string, Array<Record<string, unknown> & { vulnerable_versions: string }>>;
  } = {},
): Promise<FakeNpmRegistry> {
  const packages = new Map<string, Record<string, unknown>>();
  const advisories = new Map<string, Array<Record<string, unknown> & { vulnerable_versions: string }>>();
  const requests: FakeNpmRegistryRequest[] = [];
  for (const doc of initial.packages ?? []) packages.set(String(doc['name']), doc);
  for (const [name, list] of Object.entries(initial.advisories ?? {})) advisories.set(name, [...list]);

  const registry: FakeNpmRegistry = {
    url: '',
    requests,
    delayMs: 0,
    addPackage: (doc) => void packages.set(String(doc['name']), doc),
    addAdvisory: (name, advisory) => void advisories.set(name, [...(advisories.get(name) ?? []), advisory]),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://registry.local').pathname;
    if (registry.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, registry.delayMs));
    if (req.method === 'POST' && path === BULK_ADVISORIES_PATH) {
      const body = await readJson(req);
      requests.push({ method: 'POST', path, body });
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return send(res, 400, { error: 'Invalid request body' });
      const answer: Record<string, unknown[]> = {};
      for (const [name, versions] of Object.entries(body as Record<string, unknown>)) {
        if (!Array.isArray(versions)) return send(res, 400, { error: `versions of ${name} must be a list` });
        const matching = (advisories.get(name) ?? []).filter((advisory) =>
          versions.some(
            (version) =>
              typeof version === 'string' &&
              semver.valid(version) &&
              semver.satisfies(version, advisory.vulnerable_versions),
          ),
        );
        if (matching.length > 0) answer[name] = matching;
      }
      return send(res, 200, answer);
    }
    requests.push({ method: req.method ?? 'GET', path });
    if (req.method !== 'GET') return send(res, 405, { error: 'Method not allowed' });
    const name = decodeURIComponent(path.slice(1));
    const doc = packages.get(name);
    return doc ? send(res, 200, doc) : send(res, 404, { error: 'Not found' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return registry;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
