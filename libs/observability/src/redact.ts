/**
 * Secrets must never reach a log line. Keys whose names look secret are replaced wholesale;
 * values that look like well-known token formats are masked wherever they appear.
 */
const SECRET_KEY_PATTERN =
  /pass(word)?|secret|token|api[-_]?key|authorization|cookie|private[-_]?key|credential|signature/i;

const SECRET_VALUE_PATTERNS: RegExp[] = [
  /gh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /sk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys
  /AKIA[0-9A-Z]{16}/g, // AWS access key ids
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /\b(Basic|Bearer|token) [A-Za-z0-9+/=._-]{16,}/g, // credentials in Authorization headers
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** user:password@ inside any URL: the user stays readable, the password does not. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^:@/\s]+):[^@/\s]+@/gi;

export const REDACTED = '[REDACTED]';

export function redactText(text: string): string {
  let result = text.replace(URL_CREDENTIALS, `$1:${REDACTED}@`);
  for (const pattern of SECRET_VALUE_PATTERNS) result = result.replace(pattern, REDACTED);
  return result;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[Truncated]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error)
    return { name: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY_PATTERN.test(key) ? REDACTED : redact(inner, depth + 1),
      ]),
    );
  }
  return value;
}
