import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { GithubAppConfig } from '@patchbay/github';
import jwt from 'jsonwebtoken';

export interface RecordedCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  /** The installation token used, or `app-jwt` for app-authenticated calls. */
  auth: string | null;
  status: number;
}

export interface FakePullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  html_url: string;
}

export interface FakeRepository {
  /** login → permission as GitHub reports it (admin, maintain, write, triage, read). */
  collaborators: Map<string, string>;
  requiredChecks: string[] | null;
  pulls: FakePullRequest[];
  /** review id → the review's comments. */
  reviews: Map<number, Array<{ id: number; path: string; line: number; body: string }>>;
}

/** An injected failure: the next `times` REST calls matching `path` get this answer instead. */
export interface InjectedFailure {
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export interface FakeGithubApp {
  /** GITHUB_API_URL */
  apiUrl: string;
  /** GITHUB_GIT_URL: `<gitUrl>/<owner>/<name>.git` is served by `git http-backend` from `gitRoot`. */
  gitUrl: string;
  /** Holds `<owner>/<name>.git` bare repositories. */
  gitRoot: string;
  appId: string;
  privateKey: string;
  webhookSecret: string;
  /** The app's settings pointed at this server, as loadGithubAppConfig would give them. */
  config: GithubAppConfig;
  calls: RecordedCall[];
  /** Every installation token handed out. */
  issuedTokens: string[];
  failures: InjectedFailure[];
  repository(fullName: string): FakeRepository;
  close(): Promise<void>;
}

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
  });
  response.end(JSON.stringify(body));
};

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local stand-in for github.com and api.github.com as a GitHub App sees them. The REST side
 * checks app JWTs (RS256, against the app's public key) and installation tokens exactly as
 * GitHub does and records every call; the git side is `git http-backend` over HTTP, accepting
 * only `x-access-token:<installation token>` basic auth — so tests prove the real wire protocol.
 */
export async function startFakeGithubApp(options: { gitRoot: string }): Promise<FakeGithubApp> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const appId = String(100_000 + Math.floor(Math.random() * 100_000));
  const calls: RecordedCall[] = [];
  const issuedTokens: string[] = [];
  const failures: InjectedFailure[] = [];
  const repositories = new Map<string, FakeRepository>();
  let nextId = 1_000;

  const repository = (fullName: string): FakeRepository => {
    let repo = repositories.get(fullName);
    if (!repo) {
      repo = { collaborators: new Map(), requiredChecks: null, pulls: [], reviews: new Map() };
      repositories.set(fullName, repo);
    }
    return repo;
  };

  const tokenOf = (request: IncomingMessage): string | null => {
    const header = request.headers.authorization ?? '';
    const bearer = /^(?:token|bearer) (\S+)$/i.exec(header)?.[1];
    if (bearer) return bearer;
    const basic = /^basic (\S+)$/i.exec(header)?.[1];
    if (basic)
      return Buffer.from(basic, 'base64')
        .toString('utf8')
        .replace(/^x-access-token:/, '');
    return null;
  };

  async function api(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const raw = await readAll(request);
    const body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : null;
    const token = tokenOf(request);
    const record = (status: number, auth: string | null): void => {
      calls.push({ method: request.method ?? 'GET', path: url.pathname + url.search, body, auth, status });
    };
    const send = (status: number, payload: unknown, auth: string | null): void => {
      record(status, auth);
      json(response, status, payload);
    };

    const installationToken = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
    if (installationToken && request.method === 'POST') {
      try {
        jwt.verify(token ?? '', publicKey, { algorithms: ['RS256'], issuer: appId });
      } catch {
        return send(401, { message: 'A JSON web token could not be decoded' }, null);
      }
      const issued = `ghs_${randomBytes(18).toString('hex')}`;
      issuedTokens.push(issued);
      return send(
        201,
        {
          token: issued,
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          permissions: { contents: 'write', issues: 'write', pull_requests: 'write' },
          repository_selection: 'selected',
        },
        'app-jwt',
      );
    }
    if (!token || !issuedTokens.includes(token)) return send(401, { message: 'Bad credentials' }, null);
    const failure = failures.find((candidate) => candidate.times > 0 && candidate.path.test(url.pathname));
    if (failure) {
      failure.times -= 1;
      record(failure.status, token);
      response.writeHead(failure.status, { 'content-type': 'application/json; charset=utf-8', ...failure.headers });
      response.end(JSON.stringify(failure.body ?? { message: 'Server Error' }));
      return;
    }

    const route = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!route) return send(404, { message: 'Not Found' }, token);
    const fullName = `${route[1]}/${route[2]}`;
    const repo = repository(fullName);
    const rest = route[3] ?? '';
    const method = request.method ?? 'GET';
    let match: RegExpExecArray | null;

    if (method === 'GET' && rest === '')
      return send(200, { full_name: fullName, default_branch: 'main', private: true }, token);
    if (method === 'GET' && (match = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const permission = repo.collaborators.get(decodeURIComponent(match[1] ?? ''));
      if (!permission) return send(404, { message: 'Not Found' }, token);
      const legacy = permission === 'maintain' ? 'write' : permission === 'triage' ? 'read' : permission;
      return send(200, { permission: legacy, role_name: permission, user: { login: match[1] } }, token);
    }
    if (method === 'POST' && (match = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const id = nextId++;
      return send(
        201,
        { id, body: body?.['body'], html_url: `https://github.test/${fullName}/issues/${match[1]}#issuecomment-${id}` },
        token,
      );
    }
    if (method === 'POST' && /^\/(issues|pulls)\/comments\/\d+\/reactions$/.test(rest))
      return send(201, { id: nextId++, content: body?.['content'] }, token);
    if (method === 'GET' && (match = /^\/branches\/([^/]+)\/protection$/.exec(rest))) {
      if (repo.requiredChecks === null) return send(404, { message: 'Branch not protected' }, token);
      return send(200, { required_status_checks: { strict: true, contexts: repo.requiredChecks } }, token);
    }
    if (method === 'POST' && rest === '/pulls') {
      const head = String(body?.['head'] ?? '');
      if (repo.pulls.some((pull) => pull.head === head))
        return send(
          422,
          { message: 'Validation Failed', errors: [{ message: `A pull request already exists for ${head}.` }] },
          token,
        );
      const pull: FakePullRequest = {
        number: repo.pulls.length + 1,
        title: String(body?.['title']),
        body: String(body?.['body']),
        head,
        base: String(body?.['base']),
        draft: body?.['draft'] === true,
        html_url: `https://github.test/${fullName}/pull/${repo.pulls.length + 1}`,
      };
      repo.pulls.push(pull);
      return send(
        201,
        {
          number: pull.number,
          html_url: pull.html_url,
          draft: pull.draft,
          head: { ref: head, sha: '0'.repeat(40) },
          base: { ref: pull.base },
        },
        token,
      );
    }
    if (method === 'GET' && rest === '/pulls') {
      const head = url.searchParams.get('head')?.split(':')[1];
      const found = repo.pulls.filter((pull) => !head || pull.head === head);
      return send(
        200,
        found.map((pull) => ({
          number: pull.number,
          html_url: pull.html_url,
          head: { ref: pull.head },
          base: { ref: pull.base },
        })),
        token,
      );
    }
    if (
      method === 'GET' &&
      (match = /^\/pulls\/(\d+)$/.exec(rest)) &&
      String(request.headers.accept).includes('diff')
    ) {
      const pull = repo.pulls.find((candidate) => candidate.number === Number(match?.[1]));
      if (!pull) return send(404, { message: 'Not Found' }, token);
      const diff = execFileSync(
        'git',
        ['--git-dir', path.join(options.gitRoot, `${fullName}.git`), 'diff', `${pull.base}...${pull.head}`],
        { encoding: 'utf8' },
      );
      record(200, token);
      response.writeHead(200, { 'content-type': 'application/vnd.github.diff; charset=utf-8' });
      response.end(diff);
      return;
    }
    if (method === 'GET' && (match = /^\/pulls\/(\d+)\/reviews\/(\d+)\/comments$/.exec(rest))) {
      return send(
        200,
        (repo.reviews.get(Number(match[2])) ?? []).map((comment) => ({
          ...comment,
          pull_request_review_id: Number(match?.[2]),
        })),
        token,
      );
    }
    if (method === 'POST' && (match = /^\/pulls\/(\d+)\/comments\/(\d+)\/replies$/.exec(rest))) {
      return send(201, { id: nextId++, body: body?.['body'], in_reply_to_id: Number(match[2]) }, token);
    }
    return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, token);
  }

  /** git's smart HTTP protocol through `git http-backend` (CGI), after checking the token. */
  async function gitBackend(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const token = tokenOf(request);
    if (!token || !issuedTokens.includes(token)) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' });
      response.end('Unauthorized');
      return;
    }
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: options.gitRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'x-access-token',
        REQUEST_METHOD: request.method ?? 'GET',
        PATH_INFO: url.pathname.replace(/^\/git/, ''),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: String(request.headers['content-encoding'] ?? ''),
        GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: options.gitRoot,
      },
    });
    request.pipe(child.stdin);
    const output = await readAll(child.stdout as unknown as IncomingMessage);
    const split = output.indexOf('\r\n\r\n') >= 0 ? output.indexOf('\r\n\r\n') : output.indexOf('\n\n');
    const separator = output.indexOf('\r\n\r\n') >= 0 ? 4 : 2;
    const headerLines = output.subarray(0, split).toString('utf8').split(/\r?\n/);
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of headerLines) {
      const [name, ...value] = line.split(':');
      if (!name) continue;
      if (name.toLowerCase() === 'status') status = Number(value.join(':').trim().split(' ')[0]);
      else headers[name] = value.join(':').trim();
    }
    calls.push({ method: request.method ?? 'GET', path: url.pathname + url.search, body: null, auth: token, status });
    response.writeHead(status, headers);
    response.end(output.subarray(split + separator));
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const handler = url.pathname.startsWith('/git/') ? gitBackend : api;
    handler(request, response, url).catch((error: unknown) => {
      if (!response.headersSent)
        json(response, 500, { message: error instanceof Error ? error.message : String(error) });
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const config: GithubAppConfig = {
    appId,
    privateKey,
    webhookSecret: randomBytes(24).toString('hex'),
    apiUrl: `http://127.0.0.1:${port}`,
    gitUrl: `http://127.0.0.1:${port}/git`,
  };
  return {
    ...config,
    config,
    gitRoot: options.gitRoot,
    calls,
    issuedTokens,
    failures,
    repository,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
