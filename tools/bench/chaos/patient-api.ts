/**
 * The platform's HTTP API as a client sees it while the gateway may be down: a request that
 * cannot connect (or gets 502/503 while the gateway restarts) is tried again until a deadline.
 * Only for requests that are safe to repeat — see `createTask` in task-stream.ts for the one that is not.
 */
export class PatientApi {
  authorization?: string;

  constructor(private readonly baseUrl: string) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: { expect?: number; retryForMs?: number } = {},
  ): Promise<T> {
    const deadline = Date.now() + (options.retryForMs ?? 180_000);
    for (;;) {
      const outcome = await this.once(method, path, body).catch((error: unknown) => error as Error);
      if (!(outcome instanceof Error) && outcome.status !== 502 && outcome.status !== 503) {
        const text = await outcome.text();
        if (options.expect !== undefined && outcome.status !== options.expect)
          throw new Error(`${method} ${path} answered ${outcome.status}: ${text.slice(0, 500)}`);
        return (text ? JSON.parse(text) : undefined) as T;
      }
      if (Date.now() > deadline)
        throw new Error(
          `${method} ${path}: ${outcome instanceof Error ? outcome.message : `status ${outcome.status}`}`,
        );
      await new Promise((done) => setTimeout(done, 500));
    }
  }

  /** One attempt, no retry: the caller decides what an unanswered request means. */
  once(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.authorization ? { authorization: this.authorization } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  }
}
