import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_METADATA } from './common/access.decorator';
import { AUDIT_METADATA } from './common/audited.decorator';
import { GATEWAY_FEATURE_MODULES } from './gateway.module';

interface Route {
  name: string;
  method: RequestMethod;
  access: unknown;
  audited: unknown;
}

/** Every controller of every gateway module, so a controller added to any module is checked too. */
function controllers(): Type[] {
  return GATEWAY_FEATURE_MODULES.flatMap(
    (module) => (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as Type[] | undefined) ?? [],
  );
}

/** Every HTTP route of the gateway, found through Nest's own routing metadata. */
function routes(): Route[] {
  return controllers().flatMap((controller) => {
    const prototype = controller.prototype as unknown as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((key) => key !== 'constructor' && typeof prototype[key] === 'function')
      .map((key) => prototype[key] as object)
      .filter((handler) => Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
      .map((handler) => ({
        name: `${controller.name}.${(handler as { name: string }).name}`,
        method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod,
        access: Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, controller),
        audited: Reflect.getMetadata(AUDIT_METADATA, handler),
      }));
  });
}

describe('route access rules', () => {
  it('finds the routes (guards against this test silently checking nothing)', () => {
    expect(routes().length).toBeGreaterThanOrEqual(25);
  });

  it('gives every route an explicit @Access rule', () => {
    const unguarded = routes().filter(
      (route) => !['public', 'viewer', 'developer', 'admin'].includes(String(route.access)),
    );
    expect(unguarded.map((route) => route.name)).toEqual([]);
  });

  it('audits every state-changing route', () => {
    const mutating = [RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE];
    // Webhook deliveries are logged in github_deliveries (GitHub sends many); the tasks and
    // installation changes they cause are audited by the worker that acts on them.
    const signatureAuthenticated = ['GithubWebhookController.receive'];
    // POSTs that only read: a patch checked against a backlog tree changes nothing.
    const readsWithABody = ['BacklogProjectsController.preview'];
    const unaudited = routes().filter(
      (route) =>
        mutating.includes(route.method) &&
        !route.audited &&
        !signatureAuthenticated.includes(route.name) &&
        !readsWithABody.includes(route.name),
    );
    expect(unaudited.map((route) => route.name)).toEqual([]);
  });

  it('keeps public only the sign-in, probe and signature-verified webhook routes', () => {
    const publicRoutes = routes()
      .filter((route) => route.access === 'public')
      .map((route) => route.name)
      .sort();
    expect(publicRoutes).toEqual([
      'AuthController.devLogin',
      'AuthController.githubCallback',
      'AuthController.githubStart',
      'GithubWebhookController.receive',
      'HealthController.health',
      'HealthController.metrics',
      'HealthController.ready',
    ]);
  });
});
