export * from './redact';
export * from './json-logger';
export * from './metrics';
export * from './tracing';
export * from './trace-context';
export * from './traced';
export * from './message-tracing';
export * from './http-tracing';
