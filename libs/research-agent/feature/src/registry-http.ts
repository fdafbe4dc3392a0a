/** The registry could not be reached (network error, timeout) or answered with a server error. */
export class RegistryUnreachable extends Error {
  constructor(
    readonly registry: string,
    reason: string,
  ) {
    super(`${registry} is unreachable: ${reason}`);
    this.name = 'RegistryUnreachable';
  }
}

export interface RegistryResponse {
  status: number;
  body: unknown;
}

/** A packument of a popular package runs to tens of megabytes; beyond this it is refused rather than parsed. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * One JSON request to a registry with a hard timeout. 2xx and 404 are answers (the caller reads
 * 404 as "no such package"); a network failure, a timeout, a 5xx or a body that is not JSON is
 * RegistryUnreachable, which the tools turn into a plain "unreachable" answer.
 */
export async function requestRegistryJson(
  url: string,
  options: { timeoutMs: number; method?: 'GET' | 'POST'; body?: unknown },
): Promise<RegistryResponse> {
  const registry = new URL(url).origin;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        'user-agent': 'patchbay-research-agent',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
    // The abort arrives as a DOMException, which is not an Error in every realm: its name decides.
    const reason =
      (error as { name?: unknown } | null)?.name === 'TimeoutError'
        ? `no answer within ${options.timeoutMs} ms`
        : causeOf(error);
    throw new RegistryUnreachable(registry, reason);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return { status: 404, body: null };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new RegistryUnreachable(
      registry,
      `HTTP ${response.status} for ${options.method ?? 'GET'} ${new URL(url).pathname}`,
    );
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new RegistryUnreachable(
      registry,
      `the answer is ${length} bytes, more than the ${MAX_RESPONSE_BYTES} accepted`,
    );
  }
  try {
    return { status: response.status, body: await response.json() };
  } catch (error) {
    throw new RegistryUnreachable(registry, `the answer is not JSON (${causeOf(error)})`);
  }
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
