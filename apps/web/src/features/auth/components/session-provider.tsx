import type { SessionView } from '@patchbay/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { setUnauthorizedListener } from '../../../api/http-client';
import { clearSession, isExpired, readSession, setSignInNotice, writeSession } from '../../../api/session-storage';
import { navigate } from '../../../app/router';
import { SessionContext, type SessionContextValue } from '../hooks/session-context';

export const SESSION_EXPIRED_NOTICE = 'Your session has expired. Sign in again to continue.';

function initialSession(): SessionView | null {
  const stored = readSession();
  if (stored && isExpired(stored)) {
    clearSession();
    setSignInNotice(SESSION_EXPIRED_NOTICE);
    return null;
  }
  return stored;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<SessionView | null>(initialSession);

  const signOut = useCallback(
    (notice?: string) => {
      clearSession();
      if (notice) setSignInNotice(notice);
      setSession(null);
      queryClient.clear();
      navigate('/sign-in', { replace: true });
    },
    [queryClient],
  );

  const signIn = useCallback(
    (next: SessionView) => {
      queryClient.clear();
      writeSession(next);
      setSession(next);
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedListener(() => signOut(SESSION_EXPIRED_NOTICE));
  }, [signOut]);

  // A session that runs out while the page is open ends at its expiry, not at the next failed call.
  useEffect(() => {
    if (!session) return;
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(
      () => signOut(SESSION_EXPIRED_NOTICE),
      Math.min(Math.max(remaining, 0), 2 ** 31 - 1),
    );
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo<SessionContextValue>(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
