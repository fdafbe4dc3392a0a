export { SandboxClient, type SandboxClientOptions } from './lib/sandbox.client';
export { SandboxApiError } from './lib/sandbox-api.error';
