import {
  evaluateFacts,
  exitCodeOf,
  formatReport,
  type CheckResult,
  type DoctorFacts,
  type DoctorOptions,
} from './doctor-checks';

const options: DoctorOptions = { requiredNode: '>=20.19', runtime: 'runsc', netRuntime: 'runsc-net' };

/** A machine where everything is in place; each test breaks one thing. */
function healthy(): DoctorFacts {
  return {
    nodeVersion: '20.20.2',
    dependencies: { ok: true, value: true },
    build: { services: true, dashboard: true },
    docker: {
      endpoint: 'unix:///var/run/docker.sock',
      source: 'default',
      info: { ok: true, value: { runtimes: ['runc', 'runsc', 'runsc-net'], version: '20.10.24' } },
    },
    runtimeRun: { ok: true, value: true },
    images: [
      { image: 'patchbay/sandbox-base:latest', present: true },
      { image: 'patchbay/sandbox-node:latest', present: true },
    ],
    git: { ok: true, value: 'git version 2.39.5' },
    espeakNg: true,
    opusenc: true,
    database: null,
    broker: null,
    chromium: '/usr/bin/chromium',
  };
}

function find(results: CheckResult[], name: string): CheckResult {
  const result = results.find((candidate) => candidate.name.startsWith(name));
  if (!result) throw new Error(`no check named ${name}: ${results.map((r) => r.name).join(', ')}`);
  return result;
}

describe('doctor checks', () => {
  it('passes a machine that has everything, with exit code 0', () => {
    const results = evaluateFacts(healthy(), options);
    expect(results.filter((result) => result.status !== 'ok')).toEqual([]);
    expect(exitCodeOf(results)).toBe(0);
    expect(formatReport(results, false)).toContain('Everything Patchbay needs is in place');
  });

  it('fails an old Node with the install step', () => {
    const results = evaluateFacts({ ...healthy(), nodeVersion: '20.11.1' }, options);
    expect(find(results, 'Node.js')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('20.11.1 is too old'),
      fix: expect.stringContaining('Node.js 20.19 or newer'),
    });
    expect(exitCodeOf(results)).toBe(1);
  });

  it('names the missing dependencies and the missing builds, fixed by npm run setup', () => {
    const results = evaluateFacts(
      {
        ...healthy(),
        dependencies: { ok: false, error: 'missing: pino@^10' },
        build: { services: true, dashboard: false },
      },
      options,
    );
    expect(find(results, 'npm dependencies')).toMatchObject({
      status: 'fail',
      detail: 'missing: pino@^10',
      fix: 'npm run setup',
    });
    expect(find(results, 'build')).toMatchObject({
      status: 'fail',
      detail: 'not built: the dashboard (dist/apps/web)',
      fix: 'npm run setup',
    });
  });

  it('an unreachable engine fails with where it was looked for, and skips what depends on it', () => {
    const facts = {
      ...healthy(),
      docker: {
        endpoint: 'unix:///nonexistent.sock',
        source: 'DOCKER_HOST' as const,
        info: { ok: false as const, error: 'no socket there', code: 'ENOENT' },
      },
      runtimeRun: null,
      images: null,
    };
    const results = evaluateFacts(facts, options);
    expect(find(results, 'Docker engine')).toMatchObject({
      status: 'fail',
      detail: 'not reachable at unix:///nonexistent.sock (from DOCKER_HOST): no socket there',
      fix: expect.stringContaining('unset DOCKER_HOST'),
    });
    expect(find(results, 'runsc runtime').status).toBe('skip');
    expect(find(results, 'sandbox images').status).toBe('skip');
    expect(exitCodeOf(results)).toBe(1);
  });

  it.each([
    ['ENOENT', 'npm run setup (installs Docker and gVisor'],
    ['EACCES', 'sudo usermod -aG docker'],
    ['ECONNREFUSED', 'sudo systemctl start docker'],
  ])('the default socket failing with %s gets its own fix', (code, fix) => {
    const facts = {
      ...healthy(),
      docker: {
        endpoint: 'unix:///var/run/docker.sock',
        source: 'default' as const,
        info: { ok: false as const, error: 'x', code },
      },
      runtimeRun: null,
      images: null,
    };
    expect(find(evaluateFacts(facts, options), 'Docker engine').fix).toContain(fix);
  });

  it('an engine without the runsc runtimes fails the runtime check with setup as the fix', () => {
    const facts: DoctorFacts = {
      ...healthy(),
      docker: { ...healthy().docker, info: { ok: true, value: { runtimes: ['runc', 'runsc'], version: '24' } } },
      runtimeRun: null,
    };
    const runtime = find(evaluateFacts(facts, options), 'runsc runtime');
    expect(runtime).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('does not list runsc-net'),
      fix: expect.stringContaining('npm run setup'),
    });
  });

  it('a registered runtime that cannot run a container fails with the engine error', () => {
    const runtime = find(
      evaluateFacts({ ...healthy(), runtimeRun: { ok: false, error: 'OCI runtime create failed' } }, options),
      'runsc runtime',
    );
    expect(runtime).toMatchObject({ status: 'fail', detail: expect.stringContaining('OCI runtime create failed') });
  });

  it('runc is registered and runs but is warned about, not failed', () => {
    const results = evaluateFacts(healthy(), { ...options, runtime: 'runc' });
    expect(find(results, 'runc runtime')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('WITHOUT gVisor'),
    });
    expect(exitCodeOf(results)).toBe(0);
  });

  it('lists each missing image with the image build as the fix; without the base image the run is not tried', () => {
    const facts: DoctorFacts = {
      ...healthy(),
      runtimeRun: null,
      images: [
        { image: 'patchbay/sandbox-base:latest', present: false },
        { image: 'patchbay/sandbox-node:latest', present: true },
      ],
    };
    const results = evaluateFacts(facts, options);
    expect(find(results, 'sandbox images')).toMatchObject({
      status: 'fail',
      detail: 'missing: patchbay/sandbox-base:latest',
      fix: expect.stringContaining('npm run sandbox:images'),
    });
    expect(find(results, 'runsc runtime').status).toBe('skip');
  });

  it('optional tools only warn: exit code stays 0', () => {
    const results = evaluateFacts({ ...healthy(), espeakNg: false, opusenc: true, chromium: null }, options);
    expect(find(results, 'espeak-ng')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('missing espeak-ng'),
      fix: expect.stringContaining('espeak-ng opus-tools'),
    });
    expect(find(results, 'Chromium').status).toBe('warn');
    expect(exitCodeOf(results)).toBe(0);
  });

  it('checks PostgreSQL and RabbitMQ only when configured, and fails an unreachable one', () => {
    expect(evaluateFacts(healthy(), options).some((result) => result.name.startsWith('PostgreSQL'))).toBe(false);
    const results = evaluateFacts(
      {
        ...healthy(),
        database: { url: 'postgres://app:***@db/app', result: { ok: true, value: true } },
        broker: { url: 'amqp://guest:***@mq', result: { ok: false, error: 'connect ECONNREFUSED' } },
      },
      options,
    );
    expect(find(results, 'PostgreSQL').status).toBe('ok');
    expect(find(results, 'RabbitMQ')).toMatchObject({
      status: 'fail',
      detail: 'amqp://guest:***@mq: connect ECONNREFUSED',
      fix: expect.stringContaining('AMQP_URL'),
    });
  });

  it('git is required', () => {
    const results = evaluateFacts({ ...healthy(), git: { ok: false, error: 'git is not installed' } }, options);
    expect(find(results, 'git')).toMatchObject({ status: 'fail', fix: 'sudo apt-get install -y git' });
  });

  it('the report puts the fix under each failed line and counts the failures; colour only when asked', () => {
    const results = evaluateFacts({ ...healthy(), git: { ok: false, error: 'git is not installed' } }, options);
    const plain = formatReport(results, false);
    expect(plain).toContain('✗ git: git is not installed\n    fix: sudo apt-get install -y git\n');
    expect(plain).toContain('✓ Node.js: 20.20.2');
    expect(plain).toContain('1 required check(s) failed');
    expect(plain).not.toContain('\x1b[');
    expect(formatReport(results, true)).toContain('\x1b[31m✗\x1b[0m git');
  });
});
