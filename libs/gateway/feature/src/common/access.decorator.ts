import { SetMetadata } from '@nestjs/common';
import type { Role } from '@patchbay/contracts';

export const ACCESS_METADATA = 'patchbay:access';

/** Who may call a route: `public` (no session) or the least role that may. Every route declares one. */
export type AccessRule = 'public' | Role;

export const Access = (rule: AccessRule) => SetMetadata(ACCESS_METADATA, rule);
