import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { AuthenticatedRequest } from './session-user';

const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Tags each request with an id (the caller's X-Request-Id if sane) for logs and the audit log. */
export function requestIdMiddleware(request: AuthenticatedRequest, response: Response, next: NextFunction): void {
  const offered = request.header('x-request-id');
  request.requestId = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  response.setHeader('X-Request-Id', request.requestId);
  next();
}
