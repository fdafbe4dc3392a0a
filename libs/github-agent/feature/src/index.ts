export * from './github-agent.module';
export * from './publish.controller';
export * from './github-publisher';
