import { getRetryable } from '@langchain/core/errors';

// Socket-level failures worth another attempt: the endpoint restarted, a proxy dropped us, a
// load balancer timed out.
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const TRANSIENT_ERROR_NAMES = new Set(['TimeoutError', 'APIConnectionError', 'APIConnectionTimeoutError']);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The HTTP status a provider answered with, when the error carries one. */
export function errorStatus(error: unknown): number | undefined {
  const status = field(error, 'status');
  return typeof status === 'number' ? status : undefined;
}

function networkCodes(error: unknown): string[] {
  const codes: string[] = [];
  // The OpenAI SDK wraps fetch's TypeError, which wraps undici's socket error: walk the causes.
  for (
    let current: unknown = error, depth = 0;
    current !== undefined && depth < 5;
    current = field(current, 'cause'), depth++
  ) {
    const code = field(current, 'code');
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/**
 * Whether waiting and asking again may succeed: rate limits (429), server errors (5xx), request
 * timeouts and dropped connections. Client errors (400, 401, 403, 404, 422) never improve by
 * retrying, and neither does a caller's own abort.
 */
export function isTransientModelError(error: unknown): boolean {
  const status = errorStatus(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  const name = field(error, 'name');
  if (name === 'AbortError') return false;
  if (typeof name === 'string' && TRANSIENT_ERROR_NAMES.has(name)) return true;
  // The OpenAI SDK's connection errors keep the generic name "Error"; their class says what they
  // are (matched by name, as @langchain/openai does, since `openai` is not our direct dependency).
  const className = typeof error === 'object' && error !== null ? error.constructor.name : undefined;
  if (className !== undefined && TRANSIENT_ERROR_NAMES.has(className)) return true;
  if (networkCodes(error).some((code) => TRANSIENT_NETWORK_CODES.has(code))) return true;
  return getRetryable(error) === true;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = field(headers, name);
  return typeof value === 'string' ? value : undefined;
}

/** How long the server asked us to wait (`retry-after-ms` or `retry-after`), in milliseconds. */
export function retryAfterMs(error: unknown): number | undefined {
  const headers = field(error, 'headers');
  const milliseconds = Number.parseFloat(headerValue(headers, 'retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter === undefined) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The endpoint's own explanation, without LangChain's troubleshooting footer. */
export function describeModelError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n\nTroubleshooting URL:')[0].trim();
}
