export * from './github-app.config';
export * from './github-app.client';
export * from './github-installation.api';
export * from './circuit-breaker';
export * from './webhook-signature';
export * from './git-auth';
export * from './webhook-triggers';
export * from './github-private-key';
