export * from './agent-rpc.client';
export * from './task-event-publisher';
export * from './pipeline-dependencies';
export * from './task-lease';
export * from './task-runner';
export * from './graphs/task';
export * from './graphs/task/task-graph.state';
export * from './graphs/task/nodes/validate.node';
