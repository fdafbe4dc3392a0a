import type { INestApplication } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { RequestMethod } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BusServer, type MessageBus } from '@patchbay/bus';
import type { ServiceName } from '@patchbay/contracts';
import { httpTracingMiddleware } from '@patchbay/observability';
import { installBodyParsing } from './common/body-parsing';
import { httpMetricsMiddleware } from './common/http-metrics.middleware';
import { requestIdMiddleware } from './common/request-id.middleware';
import { installResponseCompression } from './common/response-compression';
import { installSecurityHeaders } from './common/security-headers.middleware';
import { GITHUB_WEBHOOK_PATH } from './github/github-webhook.controller';
import type { GatewayConfig } from './gateway-config';

export const API_PREFIX = 'api/v1';

/**
 * Everything about the HTTP surface that is not a route: security headers, compression, body
 * limits, error shapes, the API prefix, WebSocket adapter, OpenAPI and the bus consumer. Shared
 * by main.ts and the tests, so tests exercise exactly what production serves. Call before
 * `app.init()`/`listen()`.
 */
export function configureGatewayApp(
  app: INestApplication,
  config: GatewayConfig,
  bus: MessageBus,
  hostedServices: readonly ServiceName[] = ['gateway'],
): void {
  // First, so that every response (errors, Swagger, the dashboard served later) is covered.
  installSecurityHeaders(app);
  installResponseCompression(app);
  app.use(requestIdMiddleware);
  app.use(httpMetricsMiddleware);
  installBodyParsing(app, config.BODY_LIMIT);
  // After body parsing: body-parser resumes the request from a stream event, which would drop
  // the span's context for everything downstream if the span were entered before it.
  app.use(httpTracingMiddleware('gateway'));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'healthz', method: RequestMethod.GET },
      { path: 'readyz', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: GITHUB_WEBHOOK_PATH, method: RequestMethod.POST },
    ],
  });
  app.useWebSocketAdapter(new WsAdapter(app));
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()) });
  if (config.SWAGGER_ENABLED) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle('Patchbay API').setVersion('1').addBearerAuth().build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  }
  app.connectMicroservice<MicroserviceOptions>(
    { strategy: new BusServer(bus, hostedServices) },
    { inheritAppConfig: true },
  );
}
