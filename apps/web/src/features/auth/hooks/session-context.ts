import type { SessionView } from '@patchbay/contracts';
import { createContext, useContext } from 'react';

export interface SessionContextValue {
  session: SessionView | null;
  signIn: (session: SessionView) => void;
  /** Ends the session; `notice` is shown on the sign-in page. */
  signOut: (notice?: string) => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
