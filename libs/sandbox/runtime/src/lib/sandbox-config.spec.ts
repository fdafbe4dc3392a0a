import { loadSandboxConfig, SandboxConfigError } from './sandbox-config';

describe('loadSandboxConfig', () => {
  const token = { SANDBOX_TOKEN: 'a-long-enough-service-token' };

  it('applies the documented defaults', () => {
    const config = loadSandboxConfig(token);
    expect(config.port).toBe(3100);
    expect(config.runtime).toBe('runsc');
    expect(config.defaultLimits).toEqual({
      cpus: 2,
      memoryMb: 4096,
      pids: 512,
      execTimeoutMs: 600_000,
      sandboxTimeoutMs: 900_000,
    });
    expect(config.pool.size).toBe(2);
    expect(config.slots).toEqual({ maxActive: 16, maxWaitMs: 600_000 });
    expect(config.egress.allowHosts).toContain('registry.npmjs.org');
  });

  it('takes the active-sandbox bound and its wait, and names a bound below one', () => {
    expect(loadSandboxConfig({ ...token, SANDBOX_MAX_ACTIVE: '4', SANDBOX_SLOT_WAIT_MS: '5000' }).slots).toEqual({
      maxActive: 4,
      maxWaitMs: 5_000,
    });
    expect(() => loadSandboxConfig({ ...token, SANDBOX_MAX_ACTIVE: '0' })).toThrow(
      'SANDBOX_MAX_ACTIVE: SANDBOX_MAX_ACTIVE must be at least 1',
    );
  });

  it('turns warm environments and package caches on by default, with a 7-day and 20 GiB bound (ADR 0033)', () => {
    const config = loadSandboxConfig(token);
    expect(config.warmEnvironments).toEqual({
      enabled: true,
      maxAgeMs: 7 * 24 * 60 * 60_000,
      maxBytes: 20 * 1024 ** 3,
    });
    expect(config.packageCache).toEqual({ enabled: true });
    const off = loadSandboxConfig({ ...token, SANDBOX_WARM_ENV: 'false', SANDBOX_PACKAGE_CACHE: 'false' });
    expect([off.warmEnvironments.enabled, off.packageCache.enabled]).toEqual([false, false]);
    expect(() => loadSandboxConfig({ ...token, SANDBOX_WARM_ENV: 'yes' })).toThrow(
      /SANDBOX_WARM_ENV: SANDBOX_WARM_ENV must be "true" or "false"/,
    );
    expect(() => loadSandboxConfig({ ...token, SANDBOX_WARM_ENV_MAX_BYTES: '1000' })).toThrow(
      /SANDBOX_WARM_ENV_MAX_BYTES must be at least 1048576/,
    );
  });

  it('names the bad variable', () => {
    expect(() => loadSandboxConfig({})).toThrow(/SANDBOX_TOKEN: SANDBOX_TOKEN is required/);
    expect(() => loadSandboxConfig({ ...token, SANDBOX_PORT: 'eighty' })).toThrow(
      /SANDBOX_PORT: SANDBOX_PORT must be a number/,
    );
    expect(() => loadSandboxConfig({ ...token, SANDBOX_RUNTIME: 'kata' })).toThrow(SandboxConfigError);
    expect(() => loadSandboxConfig({ ...token, SANDBOX_DEFAULT_PIDS: '3' })).toThrow(
      /SANDBOX_DEFAULT_PIDS must be at least 16/,
    );
  });

  it('defaults the ceilings to the host (read from the engine) and the git hosts to the public forges', () => {
    const config = loadSandboxConfig(token);
    expect(config.maxLimits).toEqual({ cpus: null, memoryMb: null, pids: 4096 });
    expect(config.maxHoldMs).toBe(24 * 60 * 60_000);
    expect(config.egress.gitHosts).toEqual(['github.com', 'gitlab.com', 'bitbucket.org']);
    expect(
      loadSandboxConfig({ ...token, SANDBOX_GIT_HOSTS: 'git.example.com:8443, GitHub.com' }).egress.gitHosts,
    ).toEqual(['git.example.com:8443', 'github.com']);
    expect(() => loadSandboxConfig({ ...token, SANDBOX_EGRESS_PRIVATE_ALLOW: '10.0.0.0/33' })).toThrow(
      /SANDBOX_EGRESS_PRIVATE_ALLOW must be comma-separated CIDR ranges/,
    );
    expect(
      loadSandboxConfig({ ...token, SANDBOX_EGRESS_PRIVATE_ALLOW: '10.1.0.0/16,fd00::/8' }).egress.privateAllow,
    ).toEqual(['10.1.0.0/16', 'fd00::/8']);
    // Empty, as copied from .env.example: the defaults apply.
    const blank = loadSandboxConfig({
      ...token,
      SANDBOX_GIT_HOSTS: '',
      SANDBOX_MAX_CPUS: '',
      SANDBOX_EGRESS_ALLOW: '',
    });
    expect(blank.egress.gitHosts).toEqual(['github.com', 'gitlab.com', 'bitbucket.org']);
    expect(blank.maxLimits.cpus).toBeNull();
    expect(blank.egress.allowHosts).toContain('registry.npmjs.org');
  });

  it('uses runc for registries mode too when runc is chosen explicitly', () => {
    expect(loadSandboxConfig({ ...token, SANDBOX_RUNTIME: 'runc' }).netRuntime).toBe('runc');
  });
});
