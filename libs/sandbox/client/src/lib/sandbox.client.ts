import {
  SANDBOX_API_PREFIX,
  type BlockedEgressResponse,
  type CallMcpToolRequest,
  type CreateSandboxRequest,
  type CreateSnapshotRequest,
  type DependencyInstallResult,
  type DiffResponse,
  type ExecRequest,
  type ExecResult,
  type ExecStreamChunk,
  type InstallDependenciesRequest,
  type ListFilesResponse,
  type McpServerInfo,
  type McpToolCallResult,
  type ReadFileResponse,
  type SandboxInfo,
  type SearchRequest,
  type SearchResponse,
  type SetSandboxExpiryRequest,
  type SnapshotInfo,
  type StartMcpServerRequest,
  type WriteFileResponse,
} from '@patchbay/contracts';
import { SandboxApiError } from './sandbox-api.error';
import { traceSandboxRequest } from './sandbox-request-tracing';

export interface SandboxClientOptions {
  /** e.g. http://127.0.0.1:3100 */
  baseUrl: string;
  token: string;
  /** Per-request timeout for non-streaming calls; exec calls add the command's own timeout. */
  requestTimeoutMs?: number;
  /**
   * How long a request keeps being sent again while the service does not answer at all
   * (connection refused or reset: it is restarting). Default 60 s; 0 sends once.
   */
  restartPatienceMs?: number;
  /**
   * How long a create may take: the service queues a create while all its sandbox slots are busy
   * (SANDBOX_SLOT_WAIT_MS, 10 min by default; ADR 0038), so the default allows for that wait.
   */
  createTimeoutMs?: number;
}

/** Pauses between attempts while the sandbox service is away. */
const RETRY_DELAYS_MS = [200, 500, 1_000, 2_000];

/** Typed HTTP client for the sandbox service, used by the agents. */
export class SandboxClient {
  /** Where the service answers (its /metrics and /readyz are beside the API). */
  readonly baseUrl: string;
  private readonly requestTimeoutMs: number;
  private readonly createTimeoutMs: number;

  constructor(private readonly options: SandboxClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.createTimeoutMs = options.createTimeoutMs ?? 10 * 60_000 + this.requestTimeoutMs;
  }

  /** Aborting `signal` (a cancelled task) closes the request, which takes a queued create off the service's queue. */
  create(request: CreateSandboxRequest, signal?: AbortSignal): Promise<SandboxInfo> {
    return this.call('POST', '', request, this.createTimeoutMs, signal);
  }

  get(id: string): Promise<SandboxInfo> {
    return this.call('GET', `/${enc(id)}`);
  }

  destroy(id: string): Promise<void> {
    return this.call('DELETE', `/${enc(id)}`);
  }

  /** Destroys every sandbox of the task, the ones a crash left behind included; returns how many. */
  async destroyForTask(taskId: string): Promise<number> {
    return (await this.call<{ removed: number }>('DELETE', query({ taskId }))).removed;
  }

  /** Moves the sandbox's expiry (see `setSandboxExpiryRequestSchema`); 409 when it is already gone. */
  setExpiry(id: string, request: SetSandboxExpiryRequest = {}): Promise<SandboxInfo> {
    return this.call('PUT', `/${enc(id)}/expiry`, request);
  }

  /** Aborting `signal` closes the request, and the sandbox service kills the command's processes. */
  exec(id: string, request: ExecRequest, signal?: AbortSignal): Promise<ExecResult> {
    return this.call('POST', `/${enc(id)}/exec`, request, execBudget(request, this.requestTimeoutMs), signal);
  }

  /** Yields stdout/stderr chunks as the command produces them; the last chunk is `{ type: 'exit' }`. */
  async *execStream(id: string, request: ExecRequest): AsyncGenerator<ExecStreamChunk> {
    const response = await this.send(
      'POST',
      `/${enc(id)}/exec/stream`,
      request,
      execBudget(request, this.requestTimeoutMs),
    );
    if (!response.ok) throw SandboxApiError.fromBody(response.status, await readJson(response));
    if (!response.body) return;
    const decoder = new TextDecoder();
    let pending = '';
    for await (const part of response.body) {
      pending += decoder.decode(part, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) yield JSON.parse(line) as ExecStreamChunk;
        newline = pending.indexOf('\n');
      }
    }
    if (pending.trim()) yield JSON.parse(pending) as ExecStreamChunk;
  }

  readFile(id: string, path: string, range: { startLine?: number; endLine?: number } = {}): Promise<ReadFileResponse> {
    return this.call('GET', `/${enc(id)}/files${query({ path, startLine: range.startLine, endLine: range.endLine })}`);
  }

  writeFile(id: string, path: string, content: string): Promise<WriteFileResponse> {
    return this.call('PUT', `/${enc(id)}/files`, { path, content });
  }

  deleteFile(id: string, path: string): Promise<void> {
    return this.call('DELETE', `/${enc(id)}/files${query({ path })}`);
  }

  list(
    id: string,
    path = '.',
    options: { recursive?: boolean; ignore?: string[]; maxEntries?: number } = {},
    signal?: AbortSignal,
  ): Promise<ListFilesResponse> {
    return this.call(
      'GET',
      `/${enc(id)}/tree${query({ path, recursive: options.recursive ? 'true' : 'false', ignore: options.ignore?.join(','), maxEntries: options.maxEntries })}`,
      undefined,
      this.requestTimeoutMs,
      signal,
    );
  }

  search(id: string, request: SearchRequest): Promise<SearchResponse> {
    return this.call('POST', `/${enc(id)}/search`, request);
  }

  /** `signal` (a cancelled task) abandons the request. */
  diff(id: string, signal?: AbortSignal): Promise<DiffResponse> {
    return this.call('GET', `/${enc(id)}/diff`, undefined, this.requestTimeoutMs, signal);
  }

  snapshot(id: string, request: CreateSnapshotRequest = {}): Promise<SnapshotInfo> {
    return this.call('POST', `/${enc(id)}/snapshots`, request);
  }

  restore(id: string, snapshotId: string): Promise<SnapshotInfo> {
    return this.call('POST', `/${enc(id)}/snapshots/${enc(snapshotId)}/restore`);
  }

  blockedEgress(id: string, signal?: AbortSignal): Promise<BlockedEgressResponse> {
    return this.call('GET', `/${enc(id)}/egress/blocked`, undefined, this.requestTimeoutMs, signal);
  }

  installDependencies(
    id: string,
    request: InstallDependenciesRequest = {},
    signal?: AbortSignal,
  ): Promise<DependencyInstallResult> {
    return this.call(
      'POST',
      `/${enc(id)}/dependencies/install`,
      request,
      (request.timeoutMs ?? 30 * 60_000) + this.requestTimeoutMs,
      signal,
    );
  }

  /** Installs and starts an MCP stdio server inside the sandbox (ADR 0029) and lists its tools. */
  startMcpServer(id: string, request: StartMcpServerRequest, signal?: AbortSignal): Promise<McpServerInfo> {
    return this.call(
      'POST',
      `/${enc(id)}/mcp/servers`,
      request,
      (request.startTimeoutMs ?? 180_000) + this.requestTimeoutMs,
      signal,
    );
  }

  listMcpServers(id: string): Promise<McpServerInfo[]> {
    return this.call('GET', `/${enc(id)}/mcp/servers`);
  }

  /** A server that misbehaves answers `cut_off` (now and for every later call), not an HTTP error. */
  callMcpTool(
    id: string,
    server: string,
    request: CallMcpToolRequest,
    signal?: AbortSignal,
  ): Promise<McpToolCallResult> {
    return this.call(
      'POST',
      `/${enc(id)}/mcp/servers/${enc(server)}/calls`,
      request,
      (request.timeoutMs ?? 60_000) + this.requestTimeoutMs,
      signal,
    );
  }

  /**
   * Whether the service can create sandboxes now, from its /readyz: the engine answers with the
   * sandbox runtimes. A service that does not answer at all is down too, with the socket's reason.
   */
  async engineStatus(): Promise<{ up: true } | { up: false; reason: string }> {
    try {
      const response = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return { up: true };
      const body = await readJson(response);
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String(body.message)
          : `the sandbox service answered ${response.status}`;
      return { up: false, reason: message };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      return { up: false, reason: `the sandbox service does not answer${cause}` };
    }
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = this.requestTimeoutMs,
    signal?: AbortSignal,
  ): Promise<T> {
    const response = await this.send(method, path, body, timeoutMs, signal);
    if (!response.ok) throw SandboxApiError.fromBody(response.status, await readJson(response));
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /**
   * Sends the request; when the service cannot be reached (a restart: the connection is refused,
   * or reset under a request in flight) the request is sent again until `restartPatienceMs`.
   * Every route is safe to repeat for the pipeline: reads and file writes are idempotent, a
   * repeated command re-runs a command whose first run the restart cut off, a repeated destroy
   * finds the sandbox gone (404, which callers treat as done), and a create repeated after its
   * answer was lost leaves an extra sandbox of the task, which the supervisor removes with the
   * task's others when the task ends (`destroyForTask`).
   */
  private async send(
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Response> {
    const deadline = Date.now() + (this.options.restartPatienceMs ?? 60_000);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce(method, path, body, timeoutMs, signal);
      } catch (error) {
        if (signal?.aborted || !unreachable(error) || Date.now() >= deadline) throw error;
        await new Promise((done) => setTimeout(done, RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]));
      }
    }
  }

  private sendOnce(
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return traceSandboxRequest(method, path, (traceHeaders) =>
      fetch(`${this.baseUrl}${SANDBOX_API_PREFIX}${path}`, {
        method,
        headers: { ...traceHeaders, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) : AbortSignal.timeout(timeoutMs),
      }),
    );
  }
}

/** fetch's own failure to reach the service (not an HTTP answer, not a timeout or an abort). */
export function unreachable(error: unknown): boolean {
  // By name: fetch's TypeError may come from another realm than this module's (Jest's sandbox).
  if (typeof error !== 'object' || error === null || (error as { name?: string }).name !== 'TypeError') return false;
  const cause = (error as { cause?: { code?: string } }).cause;
  return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(cause?.code ?? '');
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The HTTP call must outlive the command it waits for. */
function execBudget(request: ExecRequest, base: number): number {
  return (request.timeoutMs ?? 10 * 60_000) + base;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}
