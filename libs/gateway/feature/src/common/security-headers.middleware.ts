import type { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';

/**
 * For the dashboard (a Vite build: module scripts and stylesheets from its own origin, no inline
 * code) and every API response. WebSocket schemes are listed beside 'self' because browsers
 * before CSP Level 3 (Safari < 15.4) do not match ws:/wss: against 'self'. The spoken summary is
 * fetched with the session token and played from a blob: URL; React's style props go through
 * the CSSOM, which style-src does not restrict, so no 'unsafe-inline' is needed.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Swagger UI's page carries an inline <style> block and inline style attributes, and its
 * stylesheet embeds icons as data: URIs; scripts stay same-origin only.
 */
export const API_DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const API_DOCS_PATH = /^\/api\/docs(\/|$)/;

/**
 * Headers every response carries, whatever answers it (a route, the dashboard's files, Swagger,
 * an error handler): set before anything else runs, so even a 413 or 404 has them.
 */
export function securityHeadersMiddleware(request: Request, response: Response, next: NextFunction): void {
  response.setHeader(
    'Content-Security-Policy',
    API_DOCS_PATH.test(request.path) ? API_DOCS_CONTENT_SECURITY_POLICY : DASHBOARD_CONTENT_SECURITY_POLICY,
  );
  // frame-ancestors covers current browsers; X-Frame-Options covers those that ignore CSP.
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // Task and pull-request URLs name private repositories; links out must not carry them.
  response.setHeader('Referrer-Policy', 'no-referrer');
  next();
}

/** Installs the headers above and stops Express announcing itself (X-Powered-By: Express). */
export function installSecurityHeaders(app: INestApplication): void {
  const server: Express = app.getHttpAdapter().getInstance();
  server.disable('x-powered-by');
  app.use(securityHeadersMiddleware);
}
