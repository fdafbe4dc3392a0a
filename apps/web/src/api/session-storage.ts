import { sessionViewSchema, type SessionView } from '@patchbay/contracts';

const SESSION_KEY = 'patchbay.session';
const NOTICE_KEY = 'patchbay.sign-in-notice';

export function readSession(): SessionView | null {
  const raw = localStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    // Whatever is stored is checked: it may come from an older version of the dashboard.
    const session = sessionViewSchema.safeParse(JSON.parse(raw));
    return session.success ? session.data : null;
  } catch {
    return null;
  }
}

export function writeSession(session: SessionView): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
}

/** A message for the sign-in page that survives the redirect (e.g. "your session expired"). */
export function setSignInNotice(message: string): void {
  sessionStorage.setItem(NOTICE_KEY, message);
}

export function takeSignInNotice(): string | null {
  const message = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return message;
}

export function isExpired(session: SessionView, now = Date.now()): boolean {
  return Date.parse(session.expiresAt) <= now;
}
