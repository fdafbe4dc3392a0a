import type { DevLoginRequest, MeView, SessionView } from '@patchbay/contracts';
import { ApiError } from '../../../api/api-error';
import { buildUrl, requestJson } from '../../../api/http-client';

export function devLogin(request: DevLoginRequest): Promise<SessionView> {
  return requestJson<SessionView>('/auth/dev-login', { method: 'POST', body: request, anonymous: true });
}

export function fetchMe(): Promise<MeView> {
  return requestJson<MeView>('/auth/me');
}

export const GITHUB_SIGN_IN_URL = buildUrl('/auth/github');

/**
 * Asks whether GitHub sign-in is configured before leaving the page: the gateway answers a
 * redirect when it is and a 404 with a reason when it is not.
 */
export async function probeGithubSignIn(): Promise<void> {
  const response = await fetch(GITHUB_SIGN_IN_URL, { redirect: 'manual' });
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) return;
  let message = `GitHub sign-in is unavailable (status ${response.status})`;
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // A body that is not JSON keeps the generic message.
  }
  throw new ApiError(response.status, { statusCode: response.status, error: response.statusText, message });
}
