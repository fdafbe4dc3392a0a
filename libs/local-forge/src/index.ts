export * from './branch-name';
export * from './local-forge';
export * from './git';
