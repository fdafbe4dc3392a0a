import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, Observable } from 'rxjs';
import { AUDIT_METADATA, type AuditSpec } from '../common/audited.decorator';
import type { AuthenticatedRequest } from '../common/session-user';
import { collectAuditChanges, type AuditChange } from './audit-changes';
import { AuditService } from './audit.service';

interface ResponseWithIdentity {
  id?: unknown;
  user?: { id?: unknown; login?: unknown; organisationId?: unknown };
}

/**
 * Writes the audit entry of every successful @Audited request before the response is sent, so
 * a client never sees success for an action the log does not hold.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_METADATA, context.getHandler());
    if (!spec || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const changes: AuditChange[] = [];
    // The handler runs on subscription, so subscribing inside the collection lets services note what they changed.
    const handled = new Observable<unknown>((subscriber) =>
      collectAuditChanges(changes, () => next.handle().subscribe(subscriber)),
    );
    return handled.pipe(
      mergeMap((result: unknown) => from(this.write(spec, request, result, changes).then(() => result))),
    );
  }

  private async write(
    spec: AuditSpec,
    request: AuthenticatedRequest,
    result: unknown,
    changes: readonly AuditChange[],
  ): Promise<void> {
    const response = (result && typeof result === 'object' ? result : {}) as ResponseWithIdentity;
    const signedIn = response.user;
    const param = spec.targetParam ? request.params[spec.targetParam] : undefined;
    const targetId =
      param ?? (typeof response.id === 'string' ? response.id : typeof signedIn?.id === 'string' ? signedIn.id : null);
    await this.audit.record({
      actorId: request.user?.userId ?? (typeof signedIn?.id === 'string' ? signedIn.id : null),
      actorLogin: request.user?.login ?? (typeof signedIn?.login === 'string' ? signedIn.login : 'anonymous'),
      organisationId:
        request.user?.organisationId ?? (typeof signedIn?.organisationId === 'string' ? signedIn.organisationId : null),
      action: spec.action,
      targetType: spec.targetType,
      targetId: typeof targetId === 'string' ? targetId : null,
      requestId: request.requestId ?? null,
      details: {
        method: request.method,
        path: request.originalUrl.split('?')[0],
        body: request.body as unknown,
        ...(changes.length > 0 ? { changes } : {}),
      },
    });
  }
}
