import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGithubUser {
  id: number;
  login: string;
  name: string | null;
  avatar_url: string;
}

export interface FakeGithubOAuth {
  /** Use as GITHUB_API_URL: the server answers both the OAuth and the REST endpoints. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Issues a one-time authorization code for a user, as GitHub does after the consent screen. */
  authorize(user: FakeGithubUser): string;
  requests: Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('application/json'))
    return JSON.parse(text || '{}') as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * A local server speaking GitHub's OAuth web-flow token exchange
 * (`POST /login/oauth/access_token`, answering errors with 200 + `error` as GitHub does) and
 * `GET /user` with token authentication.
 */
export async function startFakeGithubOAuth(): Promise<FakeGithubOAuth> {
  const clientId = `Iv1.${randomBytes(8).toString('hex')}`;
  const clientSecret = randomBytes(20).toString('hex');
  const codes = new Map<string, FakeGithubUser>();
  const tokens = new Map<string, FakeGithubUser>();
  const requests: FakeGithubOAuth['requests'] = [];

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push({ method: request.method ?? '', path });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      if (request.method === 'POST' && path === '/login/oauth/access_token') {
        const body = await readBody(request);
        if (body['client_id'] !== clientId || body['client_secret'] !== clientSecret) {
          return send(200, {
            error: 'incorrect_client_credentials',
            error_description: 'The client_id and/or client_secret passed are incorrect.',
          });
        }
        const user = codes.get(body['code'] ?? '');
        if (!user) {
          return send(200, {
            error: 'bad_verification_code',
            error_description: 'The code passed is incorrect or expired.',
            error_uri:
              'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
          });
        }
        codes.delete(body['code'] ?? '');
        const token = `gho_${randomBytes(18).toString('hex')}`;
        tokens.set(token, user);
        return send(200, { access_token: token, token_type: 'bearer', scope: 'read:user' });
      }
      if (request.method === 'GET' && path === '/user') {
        const authorization = request.headers['authorization'] ?? '';
        const user = tokens.get(authorization.replace(/^(token|bearer) /i, ''));
        if (!user) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
        return send(200, { ...user, type: 'User', site_admin: false });
      }
      return send(404, { message: 'Not Found' });
    })().catch(() => send(500, { message: 'fake server error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    requests,
    authorize(user) {
      const code = randomBytes(10).toString('hex');
      codes.set(code, user);
      return code;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
