export * from './coding-agent.module';
export * from './coding-agent.options';
export * from './coding-loop';
export * from './tools/coding-tools';
export * from './tools/path-rules';
export * from './tools/write-syntax-gate';
export * from './research.requester';
export * from './task-constraint-notices';
