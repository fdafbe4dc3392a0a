export * from './entities';
export * from './repositories';
export * from './data-source-options';
export * from './persistence.module';
export * from './run-migrations';
export * from './embedded-postgres';
export * from './plan-content-hash';
export * from './task-event-notifications';
