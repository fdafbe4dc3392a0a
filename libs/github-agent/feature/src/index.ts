export * from './github-agent.module';
export * from './publish.controller';
export * from './publish.service';
export * from './commit-message';
export * from './github-publisher';
