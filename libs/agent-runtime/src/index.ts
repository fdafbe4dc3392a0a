export * from './agent-service-config';
export * from './agent-service.module';
export * from './bootstrap-agent-service';
export * from './service-health.controller';
export * from './exit-on-signals';
export * from './answer-request';
export * from './task-cancellations';
export * from './task-cancellations.provider';
