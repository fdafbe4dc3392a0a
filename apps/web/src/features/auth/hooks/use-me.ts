import { type Role, roleAtLeast } from '@patchbay/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchMe } from '../api/auth.api';
import { useSession } from './session-context';

export function useMe() {
  const { session } = useSession();
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, enabled: session !== null, staleTime: 60_000 });
}

/** The signed-in user's role: the server's current answer, or the one from sign-in until it arrives. */
export function useRole(): Role | null {
  const { session } = useSession();
  const me = useMe();
  return me.data?.role ?? session?.user.role ?? null;
}

/** Whether the signed-in user holds at least `required`; actions a role cannot take are hidden. */
export function useCan(required: Role): boolean {
  const role = useRole();
  return role !== null && roleAtLeast(role, required);
}
