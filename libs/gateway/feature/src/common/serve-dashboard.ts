import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody } from '@patchbay/nest-common';

const API_PATHS = /^\/(api|ws|healthz|readyz|metrics)(\/|$)/;
const SOURCE_MAP = /\.map$/i;

export interface ServeDashboardOptions {
  /** Serve the build's `*.map` files (SERVE_SOURCE_MAPS); off, they answer 404. */
  serveSourceMaps?: boolean;
}

/**
 * Serves the built dashboard (apps/web) from the same origin as the API, with the SPA's
 * client-side routes falling back to index.html. Returns false when no build is present.
 */
export function serveDashboard(app: INestApplication, directory: string, options: ServeDashboardOptions = {}): boolean {
  const index = path.join(directory, 'index.html');
  if (!existsSync(index)) return false;
  // Source maps hand anyone the dashboard's full original source; a build made with maps (or an
  // old one) must not publish them unless an operator asks for it.
  if (!options.serveSourceMaps) {
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (API_PATHS.test(request.path) || !SOURCE_MAP.test(request.path)) return next();
      response.status(404).json(errorBody(404, 'Source maps are not served (SERVE_SOURCE_MAPS=false)'));
    });
  }
  app.use(express.static(directory, { index: false, maxAge: '1h' }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || API_PATHS.test(request.path) || !request.accepts('html')) return next();
    response.sendFile(index);
  });
  return true;
}
