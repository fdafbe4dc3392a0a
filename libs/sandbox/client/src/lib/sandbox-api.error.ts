import type { SandboxErrorBody } from '@patchbay/contracts';

/** A 4xx/5xx answer from the sandbox service, carrying its `{ statusCode, error, message }` body. */
export class SandboxApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }

  static fromBody(status: number, body: unknown): SandboxApiError {
    if (typeof body === 'object' && body !== null && 'message' in body) {
      const typed = body as Partial<SandboxErrorBody>;
      return new SandboxApiError(status, String(typed.error ?? 'Error'), String(typed.message));
    }
    return new SandboxApiError(status, 'Error', `sandbox service answered ${status}`);
  }
}
