import type { INestApplication } from '@nestjs/common';
import compression from 'compression';
import type { Request, Response } from 'express';

/**
 * Paths never compressed: the WebSocket upgrade is not an HTTP response body; GitHub's webhook
 * answers are tiny; sign-in answers carry the session token next to text the caller chose, the
 * shape a compression length oracle (BREACH) needs.
 */
const UNCOMPRESSED_PATHS = /^\/(ws(\/|$)|api\/webhooks\/|api\/v1\/auth\/)/;

function shouldCompress(request: Request, response: Response): boolean {
  if (UNCOMPRESSED_PATHS.test(request.path)) return false;
  return compression.filter(request, response);
}

/** gzip/deflate for responses of 1 KB and more whose type compresses (JSON, HTML, JS, CSS, diffs). */
export function installResponseCompression(app: INestApplication): void {
  app.use(compression({ filter: shouldCompress }));
}
