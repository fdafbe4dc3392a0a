export * from './research-agent.module';
export * from './research-agent.controller';
export * from './research-agent-config';
export * from './research.service';
export * from './ttl-cache';
export * from './npm-packument';
export * from './npm-advisories';
export * from './pypi-project';
export { RegistryUnreachable } from './registry-http';
