export * from './workspace-tool';
export * from './tool-output';
export * from './file-outline';
export * from './read-only-tools';
export * from './run-workspace-tool';
export * from './tool-definition';
export * from './research-tools';
export * from './mcp-tools';
