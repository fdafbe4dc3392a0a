export * from './gateway.module';
export * from './gateway-config';
export * from './configure-gateway-app';
export * from './common/access.decorator';
export * from './common/audited.decorator';
export * from './create-key-providers';
export * from './create-gateway-app';
export * from './common/serve-dashboard';
