import { loadSandboxConfig, SandboxConfigError } from './sandbox-config';

describe('loadSandboxConfig', () => {
  const token = { SANDBOX_TOKEN: 'a-long-enough-service-token' };

  it('applies the documented defaults', () => {
    const config = loadSandboxConfig(token);
    expect(config.port).toBe(3100);
    expect(config.runtime).toBe('runsc');
    expect(config.defaultLimits).toEqual({ cpus: 2, memoryMb: 4096, pids: 512, execTimeoutMs: 600_000, sandboxTimeoutMs: 900_000 });
    expect(config.pool.size).toBe(2);
    expect(config.egress.allowHosts).toContain('registry.npmjs.org');
  });

  it('names the bad variable', () => {
    expect(() => loadSandboxConfig({})).toThrow(/SANDBOX_TOKEN: SANDBOX_TOKEN is required/);
    expect(() => loadSandboxConfig({ ...token, SANDBOX_PORT: 'eighty' })).toThrow(/SANDBOX_PORT: SANDBOX_PORT must be a number/);
    expect(() => loadSandboxConfig({ ...token, SANDBOX_RUNTIME: 'kata' })).toThrow(SandboxConfigError);
    expect(() => loadSandboxConfig({ ...token, SANDBOX_DEFAULT_PIDS: '3' })).toThrow(/SANDBOX_DEFAULT_PIDS must be at least 16/);
  });

  it('uses runc for registries mode too when runc is chosen explicitly', () => {
    expect(loadSandboxConfig({ ...token, SANDBOX_RUNTIME: 'runc' }).netRuntime).toBe('runc');
  });
});
