import { STATUS_CODES } from 'node:http';

/** How every Patchbay HTTP service answers an error: `{ statusCode, error, message }`, sometimes with more fields. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  [extra: string]: unknown;
}

/** The error body for a status, named the way HTTP names it ("Bad Request", "Service Unavailable", …). */
export function errorBody(statusCode: number, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...extra };
}
