import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@patchbay/contracts';
import type { Request } from 'express';

/** The caller, as the access guard established it for this request. */
export interface SessionUser {
  userId: string;
  login: string;
  organisationId: string;
  role: Role;
}

export interface AuthenticatedRequest extends Request {
  user?: SessionUser;
  requestId?: string;
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): SessionUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without a session');
  return user;
});
