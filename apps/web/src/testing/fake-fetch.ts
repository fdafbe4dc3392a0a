/**
 * A stand-in for `fetch` that answers by method and path, and records every request, so a
 * component spec drives the real API client (tokens, error bodies, query strings) without a server.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  text?: string;
}

type Handler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeFetch {
  fetch: (
    input: string,
    init?: { method?: string; body?: string; headers?: Record<string, string> },
  ) => Promise<Response>;
  requests: RecordedRequest[];
  /** Registers an answer for `METHOD /path` (path after /api/v1, without the query). Later registrations win. */
  on: (route: string, reply: FakeReply | Handler) => void;
  /** Requests received for `METHOD /path`. */
  calls: (route: string) => RecordedRequest[];
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

function fakeResponse(reply: FakeReply): Response {
  const status = reply.status ?? 200;
  const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  const response = {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_TEXT[status] ?? '',
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
    blob: async () => new Blob([text]),
  };
  return response as unknown as Response;
}

export function createFakeFetch(): FakeFetch {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  return {
    requests,
    on(route, reply) {
      routes.set(route, typeof reply === 'function' ? reply : () => reply);
    },
    calls(route) {
      return requests.filter((request) => `${request.method} ${request.path}` === route);
    },
    async fetch(input, init = {}) {
      const url = new URL(input, 'http://localhost');
      const request: RecordedRequest = {
        method: init.method ?? 'GET',
        path: url.pathname.replace(/^\/api\/v1/, ''),
        query: url.searchParams,
        body: init.body === undefined ? undefined : (JSON.parse(init.body) as unknown),
        headers: init.headers ?? {},
      };
      requests.push(request);
      const handler = routes.get(`${request.method} ${request.path}`);
      if (!handler)
        return fakeResponse({
          status: 404,
          json: { statusCode: 404, error: 'Not Found', message: `no fake for ${request.method} ${request.path}` },
        });
      return fakeResponse(await handler(request));
    },
  };
}
