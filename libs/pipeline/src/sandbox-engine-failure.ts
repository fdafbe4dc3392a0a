import { SANDBOX_ENGINE_UNAVAILABLE } from '@patchbay/contracts';
import { SandboxApiError } from '@patchbay/sandbox-client';
import { AgentRequestFailed } from './agent-rpc.client';

/**
 * A task that cannot get a sandbox because the machine has no usable sandbox engine (the engine
 * says so, or the sandbox service itself does not answer) fails as user-correctable with what is
 * missing and where the fix is: an operator problem that a retry alone repeats, unlike a
 * transient failure. Anything else is left to the caller. See docs/adr/0015-setup-doctor-and-engine-readiness.md.
 */
export function sandboxEngineFailure(error: unknown): AgentRequestFailed | null {
  const reason = engineReason(error);
  if (reason === null) return null;
  return new AgentRequestFailed({
    category: 'user_correctable',
    message: `the sandbox engine is not available: ${reason} — run npm run doctor`,
    recoverable: true,
  });
}

function engineReason(error: unknown): string | null {
  if (error instanceof SandboxApiError)
    return error.statusCode === 503 && error.error === SANDBOX_ENGINE_UNAVAILABLE ? error.message : null;
  // fetch() rejects with a TypeError whose cause is the socket error when nothing listens. Both
  // come from Node's own realm, so they are recognised by shape, not by instanceof.
  const failed = error as { name?: unknown; cause?: { code?: unknown } } | null;
  const code = failed?.name === 'TypeError' ? failed.cause?.code : undefined;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH')
    return `the sandbox service does not answer (${code}); it did not start, or SANDBOX_URL is wrong`;
  return null;
}
