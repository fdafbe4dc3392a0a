/** Injection token for the parsed {@link SandboxConfig}. */
export const SANDBOX_CONFIG = Symbol('SANDBOX_CONFIG');
