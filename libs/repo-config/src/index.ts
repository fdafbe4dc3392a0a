export * from './patchbay-config.schema';
export * from './patchbay-config.error';
export * from './parse-patchbay-config';
export * from './path-glob';
export * from './agents-instructions';
export * from './effective-repo-config';
export * from './configuration-report';
export * from './dependency-policy';
