export * from './github-agent.module';
export * from './publish.controller';
