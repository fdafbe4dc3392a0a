export * from './test-environment';
export * from './fake-kms.server';
export * from './gateway-test-app';
export * from './task-fixtures';
export * from './fake-github-oauth.server';
export * from './platform-test-app';
export * from './greeter-project';
