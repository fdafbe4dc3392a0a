import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

const API_PATHS = /^\/(api|ws|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the built dashboard (apps/web) from the same origin as the API, with the SPA's
 * client-side routes falling back to index.html. Returns false when no build is present.
 */
export function serveDashboard(app: INestApplication, directory: string): boolean {
  const index = path.join(directory, 'index.html');
  if (!existsSync(index)) return false;
  app.use(express.static(directory, { index: false, maxAge: '1h' }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || API_PATHS.test(request.path) || !request.accepts('html')) return next();
    response.sendFile(index);
  });
  return true;
}
