export * from './supervisor.module';
