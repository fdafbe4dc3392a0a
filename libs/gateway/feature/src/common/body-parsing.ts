import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody } from '@patchbay/nest-common';
import { textInputMiddleware } from './text-input.middleware';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** GitHub's webhook body must reach the signature check byte for byte, so it is kept raw. */
const RAW_BODY_PATHS = ['/api/webhooks/github'];
/** GitHub caps webhook payloads at 25 MB. */
const RAW_BODY_LIMIT = '25mb';

/**
 * JSON bodies only, size-limited. Body-parser failures happen before Nest routes the request, so
 * they are translated here into the API's error shape (400 malformed JSON, 413 too large, 415).
 */
export function installBodyParsing(app: INestApplication, limit: string): void {
  // Raw first: body-parser marks the body as read, so the JSON parser below leaves it alone.
  app.use(RAW_BODY_PATHS, express.raw({ type: () => true, limit: RAW_BODY_LIMIT }));
  // A state-changing request with a non-JSON body would otherwise reach handlers as `{}`.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (RAW_BODY_PATHS.includes(request.path)) return next();
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (
      ['POST', 'PUT', 'PATCH'].includes(request.method) &&
      hasBody &&
      !request.is(['application/json', 'application/*+json'])
    ) {
      return response.status(415).json(errorBody(415, 'Request bodies must be JSON (Content-Type: application/json)'));
    }
    return next();
  });
  app.use(express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] }));
  app.use(textInputMiddleware);
  app.use((error: BodyParserError, request: Request, response: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') {
      // The limit that applied to this path, measured after any Content-Encoding is undone.
      const applied = RAW_BODY_PATHS.includes(request.path) ? RAW_BODY_LIMIT : limit;
      return response.status(413).json(errorBody(413, `Request body is larger than the limit of ${applied} (decoded)`));
    }
    if (error.type === 'entity.parse.failed') {
      return response.status(400).json(errorBody(400, 'Request body is not valid JSON'));
    }
    if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      return response.status(415).json(errorBody(415, error.message));
    }
    // A body whose Content-Encoding does not match its bytes (gzip that is not gzip) fails inside
    // zlib; body-parser marks that and any other unreadable body as the client's fault (4xx).
    if (error.status !== undefined && error.status >= 400 && error.status < 500) {
      const encoding = request.headers['content-encoding'];
      const message = encoding
        ? `Request body could not be decoded as Content-Encoding: ${encoding}`
        : 'Request body could not be read';
      return response.status(400).json(errorBody(400, message));
    }
    return next(error);
  });
}
