import { isTransientModelError, retryAfterMs } from './transient-error';

function httpError(status: number, headers?: Record<string, string>): Error {
  return Object.assign(new Error(`${status} status`), { status, headers: headers ? new Headers(headers) : undefined });
}

describe('isTransientModelError', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isTransientModelError(httpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])('does not retry HTTP %i', (status) => {
    expect(isTransientModelError(httpError(status))).toBe(false);
  });

  it('retries timeouts and sockets dropped deep in the cause chain', () => {
    expect(isTransientModelError(Object.assign(new Error('Request timed out.'), { name: 'TimeoutError' }))).toBe(true);
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(isTransientModelError(new Error('Connection error.', { cause: reset }))).toBe(true);
  });

  it("does not retry the caller's own abort or an unclassified bug", () => {
    expect(isTransientModelError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
    expect(isTransientModelError(new TypeError("Cannot read properties of undefined (reading 'content')"))).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, then retry-after in seconds or as a date', () => {
    expect(retryAfterMs(httpError(429, { 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMs(httpError(429, { 'retry-after': '2' }))).toBe(2000);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMs(httpError(429, { 'retry-after': inAMinute }))).toBeGreaterThan(50_000);
    expect(retryAfterMs(httpError(429))).toBeUndefined();
  });
});
