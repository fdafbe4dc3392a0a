import type { Role } from '@patchbay/contracts';

/**
 * `GET /auth/me`. The gateway declares this shape (SessionUser) in its own library, not in
 * @patchbay/contracts, so it is written out here; move it once contracts exports it.
 */
export interface MeView {
  userId: string;
  login: string;
  organisationId: string;
  role: Role;
}
