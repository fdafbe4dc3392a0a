export * from './concurrency-limiter';
export * from './slot-wait-timeout.error';
