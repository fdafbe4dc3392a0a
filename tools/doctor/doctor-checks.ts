import semver from 'semver';

/**
 * `npm run doctor`'s decisions: what the machine was found to have (facts, gathered by
 * doctor-probes.ts) turned into one verdict per prerequisite, each failure with the exact command
 * that fixes it. Pure, so every branch is tested without breaking a machine.
 */
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  /** The command (or the one step) that fixes a failure or warning. */
  fix?: string;
}

/** A probe's outcome: it worked, or the reason it did not. */
export type Probe<T = true> = { ok: true; value: T } | { ok: false; error: string; code?: string };

export interface DoctorFacts {
  nodeVersion: string;
  /** node_modules holds every package at the version package-lock.json pins. */
  dependencies: Probe;
  /** The compiled services (dist/out-tsc) and the dashboard (dist/apps/web). */
  build: { services: boolean; dashboard: boolean };
  docker: {
    /** Where the engine is looked for, e.g. unix:///var/run/docker.sock, and which variable said so. */
    endpoint: string;
    source: 'DOCKER_SOCKET' | 'DOCKER_HOST' | 'default';
    /** The engine's answer to /info: its registered runtimes. */
    info: Probe<{ runtimes: string[]; version: string }>;
  };
  /** A tiny container under the sandbox runtime with no network; null when it could not be tried. */
  runtimeRun: Probe | null;
  /** Each sandbox image and whether the engine has it; null when the engine did not answer. */
  images: Array<{ image: string; present: boolean }> | null;
  git: Probe<string>;
  espeakNg: boolean;
  opusenc: boolean;
  /** Only when DATABASE_URL / AMQP_URL are set; the URL is shown without its password. */
  database: { url: string; result: Probe } | null;
  broker: { url: string; result: Probe } | null;
  chromium: string | null;
}

export interface DoctorOptions {
  requiredNode: string;
  /** SANDBOX_RUNTIME: runsc unless runc is configured on purpose. */
  runtime: 'runsc' | 'runc';
  netRuntime: string;
}

const SETUP = 'npm run setup';

export function evaluateFacts(facts: DoctorFacts, options: DoctorOptions): CheckResult[] {
  return [
    nodeCheck(facts.nodeVersion, options.requiredNode),
    facts.dependencies.ok
      ? ok('npm dependencies', 'node_modules matches package-lock.json')
      : fail('npm dependencies', facts.dependencies.error, SETUP),
    buildCheck(facts.build),
    ...engineChecks(facts, options),
    facts.git.ok ? ok('git', facts.git.value) : fail('git', 'git is not installed', 'sudo apt-get install -y git'),
    speechCheck(facts.espeakNg, facts.opusenc),
    ...(facts.database
      ? [
          serviceCheck(
            'PostgreSQL (DATABASE_URL)',
            facts.database,
            'start PostgreSQL or correct DATABASE_URL (unset it and npm start runs an embedded PostgreSQL)',
          ),
        ]
      : []),
    ...(facts.broker
      ? [
          serviceCheck(
            'RabbitMQ (AMQP_URL)',
            facts.broker,
            'start RabbitMQ or correct AMQP_URL (npm start needs no broker: unset BUS_DRIVER)',
          ),
        ]
      : []),
    facts.chromium
      ? ok('Chromium (browser e2e, optional)', facts.chromium)
      : warn(
          'Chromium (browser e2e, optional)',
          'not found; only the browser end-to-end test needs it',
          'sudo apt-get install -y chromium (or set CHROMIUM_PATH)',
        ),
  ];
}

function nodeCheck(version: string, required: string): CheckResult {
  const name = 'Node.js';
  return semver.satisfies(version, required)
    ? ok(name, `${version} (needs ${required})`)
    : fail(
        name,
        `${version} is too old: Patchbay needs ${required}`,
        'install Node.js 20.19 or newer (https://nodejs.org/en/download), then npm run setup',
      );
}

function buildCheck(build: DoctorFacts['build']): CheckResult {
  const missing = [
    ...(build.services ? [] : ['the services (dist/out-tsc)']),
    ...(build.dashboard ? [] : ['the dashboard (dist/apps/web)']),
  ];
  return missing.length === 0
    ? ok('build', 'services and dashboard built')
    : fail('build', `not built: ${missing.join(', ')}`, SETUP);
}

/** The sandbox engine: reachable, the runtime registered and runnable, every image present. */
function engineChecks(facts: DoctorFacts, options: DoctorOptions): CheckResult[] {
  const { docker } = facts;
  const where = docker.source === 'default' ? docker.endpoint : `${docker.endpoint} (from ${docker.source})`;
  if (!docker.info.ok) {
    return [
      fail(
        'Docker engine',
        `not reachable at ${where}: ${docker.info.error}`,
        engineFix(docker.info.code, docker.source),
      ),
      skip(`${options.runtime} runtime`, 'needs the Docker engine'),
      skip('sandbox images', 'needs the Docker engine'),
    ];
  }
  const results: CheckResult[] = [ok('Docker engine', `Docker ${docker.info.value.version} at ${where}`)];
  const runtimes = docker.info.value.runtimes;
  const wanted = options.runtime === 'runsc' ? [options.runtime, options.netRuntime] : [options.runtime];
  const unregistered = wanted.filter((name) => !runtimes.includes(name));
  const runtimeName = `${options.runtime} runtime`;
  if (unregistered.length > 0) {
    results.push(
      fail(
        runtimeName,
        `the engine does not list ${unregistered.join(', ')} (it has: ${runtimes.join(', ') || 'none'})`,
        `${SETUP} (registers the runsc runtimes in /etc/docker/daemon.json and reloads dockerd)`,
      ),
    );
  } else if (facts.runtimeRun === null) {
    results.push(skip(runtimeName, 'registered; not tried because the base sandbox image is missing'));
  } else if (!facts.runtimeRun.ok) {
    results.push(
      fail(
        runtimeName,
        `registered, but a container under it does not run: ${facts.runtimeRun.error}`,
        'check gVisor on this host: sudo runsc --version, then see docs/sandbox.md ("When the engine does not run runsc")',
      ),
    );
  } else if (options.runtime === 'runc') {
    results.push(
      warn(
        runtimeName,
        'SANDBOX_RUNTIME=runc: sandboxes run WITHOUT gVisor isolation',
        'unset SANDBOX_RUNTIME to use runsc (gVisor)',
      ),
    );
  } else {
    results.push(ok(runtimeName, `registered (${wanted.join(', ')}); a container with --network=none ran`));
  }
  const missing = (facts.images ?? []).filter((image) => !image.present).map((image) => image.image);
  results.push(
    missing.length === 0
      ? ok('sandbox images', (facts.images ?? []).map((image) => image.image).join(', '))
      : fail(
          'sandbox images',
          `missing: ${missing.join(', ')}`,
          'npm run sandbox:images (builds them offline from a debootstrapped Debian; or npm run setup)',
        ),
  );
  return results;
}

/** The fix depends on why the socket did not answer: no engine, no permission, or a wrong address. */
function engineFix(code: string | undefined, source: DoctorFacts['docker']['source']): string {
  if (source !== 'default')
    return `correct or unset ${source}, or run ${SETUP} to install and start Docker on this machine`;
  if (code === 'EACCES') return 'sudo usermod -aG docker "$USER", then log out and in again (or run: newgrp docker)';
  if (code === 'ECONNREFUSED')
    return 'start dockerd: sudo systemctl start docker (no init system: npm run setup starts it)';
  return `${SETUP} (installs Docker and gVisor, starts dockerd, builds the sandbox images)`;
}

function speechCheck(espeakNg: boolean, opusenc: boolean): CheckResult {
  const name = 'espeak-ng and opusenc (spoken summaries, optional)';
  const missing = [...(espeakNg ? [] : ['espeak-ng']), ...(opusenc ? [] : ['opusenc'])];
  return missing.length === 0
    ? ok(name, 'installed')
    : warn(
        name,
        `missing ${missing.join(', ')}: tasks complete without a spoken summary`,
        'sudo apt-get install -y espeak-ng opus-tools (or set TTS_PROVIDER=off)',
      );
}

function serviceCheck(name: string, service: { url: string; result: Probe }, fix: string): CheckResult {
  return service.result.ok
    ? ok(name, `${service.url} answers`)
    : fail(name, `${service.url}: ${service.result.error}`, fix);
}

/** Non-zero when anything required failed; warnings and skipped checks do not count. */
export function exitCodeOf(results: readonly CheckResult[]): number {
  return results.some((result) => result.status === 'fail') ? 1 : 0;
}

const SYMBOLS: Record<CheckStatus, { mark: string; colour: string }> = {
  ok: { mark: '✓', colour: '\x1b[32m' },
  fail: { mark: '✗', colour: '\x1b[31m' },
  warn: { mark: '!', colour: '\x1b[33m' },
  skip: { mark: '-', colour: '\x1b[2m' },
};

/** One line per check, the fix indented under it, and a last line saying what to do. */
export function formatReport(results: readonly CheckResult[], colour: boolean): string {
  const paint = (status: CheckStatus, text: string) => (colour ? `${SYMBOLS[status].colour}${text}\x1b[0m` : text);
  const lines = results.flatMap((result) => [
    `${paint(result.status, SYMBOLS[result.status].mark)} ${result.name}: ${result.detail}`,
    ...(result.fix && result.status !== 'ok' ? [`    fix: ${result.fix}`] : []),
  ]);
  const failed = results.filter((result) => result.status === 'fail').length;
  lines.push(
    '',
    failed === 0
      ? 'Everything Patchbay needs is in place: npm start'
      : `${failed} required check(s) failed: run the fix under each ✗, then npm run doctor again.`,
  );
  return `${lines.join('\n')}\n`;
}

const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });
const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'fail', detail, fix });
const warn = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'warn', detail, fix });
const skip = (name: string, detail: string): CheckResult => ({ name, status: 'skip', detail });
