export * from './backlog-tree';
export * from './apply-backlog-patch';
export * from './parse-backlog-changes';
export * from './backlog-tree-diff';
export * from './leaf-task-prompt';
