import { AgentFailure } from '@patchbay/agent-runtime';
import { SandboxApiError } from '@patchbay/sandbox-client';

/**
 * Maps an error from a sandbox call to the category the supervisor acts on: an unreachable or
 * failing sandbox service, or a sandbox that is gone, is transient (retry, or a new sandbox); a
 * request the service refused as invalid comes from the repository's settings (a command it
 * rejects), which a person corrects.
 */
export function sandboxFailure(error: unknown, sandboxId: string): AgentFailure {
  if (error instanceof AgentFailure) return error;
  if (error instanceof SandboxApiError) {
    if (error.statusCode === 404 || error.statusCode === 410)
      return new AgentFailure('transient', `sandbox ${sandboxId} is gone: ${error.message}`);
    if (error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408) {
      return new AgentFailure('transient', `sandbox service failed (${error.statusCode}): ${error.message}`);
    }
    return new AgentFailure(
      'user_correctable',
      `sandbox service refused the request (${error.statusCode}): ${error.message}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AgentFailure('transient', `sandbox service unreachable: ${message}`);
}
