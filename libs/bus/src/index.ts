export * from './message-bus';
export * from './in-process.bus';
export * from './rabbitmq.bus';
export * from './bus.server';
export * from './bus.module';
export * from './create-message-bus';
export * from './accept-message';
