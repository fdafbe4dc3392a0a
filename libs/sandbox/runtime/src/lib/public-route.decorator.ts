import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'patchbay:public-route';

/** Marks a route reachable without the service token (health, readiness, metrics only). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
