import { SANDBOX_ENGINE_UNAVAILABLE } from '@patchbay/contracts';

/**
 * Domain errors of the sandbox service. The HTTP layer maps each to a status code
 * (see sandbox-exception.filter.ts), so services never throw framework exceptions.
 */
export class SandboxError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export class SandboxNotFoundError extends SandboxError {
  constructor(id: string) {
    super(404, 'Not Found', `sandbox "${id}" does not exist`);
  }
}

export class SandboxBadRequestError extends SandboxError {
  constructor(message: string) {
    super(400, 'Bad Request', message);
  }
}

export class WorkspaceFileNotFoundError extends SandboxError {
  constructor(path: string) {
    super(404, 'Not Found', `"${path}" does not exist in the workspace`);
  }
}

export class SandboxGoneError extends SandboxError {
  constructor(id: string, reason: string | null) {
    super(409, 'Conflict', `sandbox "${id}" is no longer running${reason ? ` (${reason})` : ''}`);
  }
}

export class SandboxUnavailableError extends SandboxError {
  constructor(message: string) {
    super(503, 'Service Unavailable', message);
  }
}

/** Every sandbox slot stayed busy for as long as a create may wait (SANDBOX_SLOT_WAIT_MS). */
export class SandboxSlotsBusyError extends SandboxError {
  constructor(message: string) {
    super(503, 'Service Unavailable', message);
  }
}

/**
 * The container engine itself cannot be used (Docker down, gVisor not registered): an operator
 * must fix the machine, which `npm run doctor` explains. Its `error` name is part of the contract
 * (SANDBOX_ENGINE_UNAVAILABLE), so clients tell it apart from a momentary 503.
 */
export class SandboxEngineUnavailableError extends SandboxError {
  constructor(reason: string) {
    super(503, SANDBOX_ENGINE_UNAVAILABLE, reason);
  }
}
