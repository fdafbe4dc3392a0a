export * from './supervisor.module';
export * from './supervisor.options';
export * from './task-pipeline.service';
