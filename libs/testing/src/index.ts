export * from './test-environment';
export * from './fake-kms.server';
