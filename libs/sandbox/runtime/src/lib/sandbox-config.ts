import { isIP } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { SandboxLimits } from '@patchbay/contracts';
import { dockerEndpointFromEnv, DockerEndpointError } from './docker-endpoint';

export const DEFAULT_EGRESS_ALLOW_LIST = [
  'registry.npmjs.org',
  'registry.yarnpkg.com',
  'deb.debian.org',
  'security.debian.org',
  'pypi.org',
  'files.pythonhosted.org',
  'proxy.golang.org',
  'sum.golang.org',
  'repo.maven.apache.org',
  'repo1.maven.org',
];

const intFromEnv = (name: string, fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be an integer`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

const listFromEnv = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? fallback
        : value
            .split(/[,:]/)
            .map((item) => item.trim())
            .filter((item) => item.length > 0),
    );

/** Git forges a `git-url` source may clone from unless SANDBOX_GIT_HOSTS says otherwise. */
export const DEFAULT_GIT_HOSTS = ['github.com', 'gitlab.com', 'bitbucket.org'];

/** Comma-separated only: entries such as `host:port` or IPv6 ranges contain colons. */
const commaListFromEnv = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value === undefined ? fallback : value.split(','))
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item.length > 0),
    );

const optionalIntFromEnv = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be an integer`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .optional();

const sandboxEnvSchema = z.object({
  SANDBOX_PORT: intFromEnv('SANDBOX_PORT', 3100, 1, 65_535),
  SANDBOX_TOKEN: z
    .string({ error: 'SANDBOX_TOKEN is required (the shared service token agents present as a bearer token)' })
    .min(16, 'SANDBOX_TOKEN must be at least 16 characters'),
  SANDBOX_RUNTIME: z.enum(['runsc', 'runc'], { error: 'SANDBOX_RUNTIME must be "runsc" or "runc"' }).default('runsc'),
  SANDBOX_NET_RUNTIME: z.string().min(1).default('runsc-net'),
  SANDBOX_IMAGE_PREFIX: z.string().min(1).default('patchbay/sandbox-'),
  SANDBOX_DEFAULT_CPUS: z.coerce.number({ error: 'SANDBOX_DEFAULT_CPUS must be a number' }).min(0.1).max(64).default(2),
  SANDBOX_DEFAULT_MEMORY_MB: intFromEnv('SANDBOX_DEFAULT_MEMORY_MB', 4096, 64, 262_144),
  SANDBOX_DEFAULT_PIDS: intFromEnv('SANDBOX_DEFAULT_PIDS', 512, 16, 65_536),
  SANDBOX_MAX_CPUS: z.coerce.number({ error: 'SANDBOX_MAX_CPUS must be a number' }).min(0.1).max(1_024).optional(),
  SANDBOX_MAX_MEMORY_MB: optionalIntFromEnv('SANDBOX_MAX_MEMORY_MB', 64, 16_777_216),
  SANDBOX_MAX_PIDS: intFromEnv('SANDBOX_MAX_PIDS', 4_096, 16, 65_536),
  SANDBOX_MAX_HOLD_MS: intFromEnv('SANDBOX_MAX_HOLD_MS', 24 * 60 * 60_000, 0, 7 * 24 * 60 * 60_000),
  SANDBOX_EXEC_TIMEOUT_MS: intFromEnv('SANDBOX_EXEC_TIMEOUT_MS', 10 * 60_000, 100, 6 * 60 * 60_000),
  SANDBOX_TIMEOUT_MS: intFromEnv('SANDBOX_TIMEOUT_MS', 15 * 60_000, 1_000, 24 * 60 * 60_000),
  SANDBOX_WORKSPACE_SIZE_MB: intFromEnv('SANDBOX_WORKSPACE_SIZE_MB', 2048, 16, 1_048_576),
  SANDBOX_TMP_SIZE_MB: intFromEnv('SANDBOX_TMP_SIZE_MB', 512, 16, 1_048_576),
  SANDBOX_OUTPUT_LIMIT_BYTES: intFromEnv('SANDBOX_OUTPUT_LIMIT_BYTES', 1024 * 1024, 1024, 256 * 1024 * 1024),
  SANDBOX_MAX_ACTIVE: intFromEnv('SANDBOX_MAX_ACTIVE', 16, 1, 10_000),
  SANDBOX_SLOT_WAIT_MS: intFromEnv('SANDBOX_SLOT_WAIT_MS', 10 * 60_000, 1_000, 24 * 60 * 60_000),
  SANDBOX_POOL_SIZE: intFromEnv('SANDBOX_POOL_SIZE', 2, 0, 64),
  SANDBOX_POOL_IMAGES: listFromEnv(['base', 'node', 'python']),
  SANDBOX_POOL_MAX_AGE_MS: intFromEnv('SANDBOX_POOL_MAX_AGE_MS', 30 * 60_000, 10_000, 24 * 60 * 60_000),
  SANDBOX_REAPER_INTERVAL_MS: intFromEnv('SANDBOX_REAPER_INTERVAL_MS', 30_000, 500, 24 * 60 * 60_000),
  SANDBOX_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,63}$/, 'SANDBOX_INSTANCE_ID may contain letters, digits and . _ -')
    .default(
      `sandbox-${hostname()
        .replace(/[^A-Za-z0-9._-]/g, '-')
        .slice(0, 50)}`,
    ),
  SANDBOX_EGRESS_ALLOW: listFromEnv(DEFAULT_EGRESS_ALLOW_LIST),
  SANDBOX_GIT_HOSTS: commaListFromEnv(DEFAULT_GIT_HOSTS),
  SANDBOX_EGRESS_PRIVATE_ALLOW: commaListFromEnv([]).refine(
    (ranges) => ranges.every(isCidr),
    'SANDBOX_EGRESS_PRIVATE_ALLOW must be comma-separated CIDR ranges such as 10.20.0.0/16',
  ),
  /**
   * Test and development only: let remote MCP servers resolve to loopback (the spec's local
   * server). Off by default; private ranges follow SANDBOX_EGRESS_PRIVATE_ALLOW (ADR 0029).
   */
  SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK: z
    .enum(['true', 'false'], { error: 'SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK must be "true" or "false"' })
    .default('false'),
  /** A PEM file of extra certificate authorities trusted for remote MCP servers (an in-house CA, or a test's). */
  SANDBOX_MCP_REMOTE_CA_FILE: z.string().min(1).optional(),
  SANDBOX_EGRESS_NETWORK: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .default('patchbay-sandbox-egress'),
  SANDBOX_EGRESS_PROXY_PORT: intFromEnv('SANDBOX_EGRESS_PROXY_PORT', 3128, 0, 65_535),
  SANDBOX_REPO_ROOTS: listFromEnv([resolve(process.cwd(), '.patchbay'), tmpdir()]),
  SANDBOX_WARM_ENV: z.enum(['true', 'false'], { error: 'SANDBOX_WARM_ENV must be "true" or "false"' }).default('true'),
  SANDBOX_WARM_ENV_MAX_AGE_MS: intFromEnv(
    'SANDBOX_WARM_ENV_MAX_AGE_MS',
    7 * 24 * 60 * 60_000,
    60_000,
    365 * 24 * 60 * 60_000,
  ),
  SANDBOX_WARM_ENV_MAX_BYTES: intFromEnv(
    'SANDBOX_WARM_ENV_MAX_BYTES',
    20 * 1024 ** 3,
    1024 * 1024,
    Number.MAX_SAFE_INTEGER,
  ),
  SANDBOX_PACKAGE_CACHE: z
    .enum(['true', 'false'], { error: 'SANDBOX_PACKAGE_CACHE must be "true" or "false"' })
    .default('true'),
  SANDBOX_EXEC_DRIVER: z
    .enum(['auto', 'docker'], { error: 'SANDBOX_EXEC_DRIVER must be "auto" or "docker"' })
    .default('auto'),
  SANDBOX_RUNSC_BINARY: z.string().min(1).default('/usr/bin/runsc'),
  SANDBOX_RUNSC_ROOT: z.string().min(1).default('/var/run/docker/runtime-runc/moby'),
});

function isCidr(range: string): boolean {
  const [network, bits, extra] = range.split('/');
  const family = isIP(network ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

export interface SandboxConfig {
  port: number;
  token: string;
  runtime: 'runsc' | 'runc';
  netRuntime: string;
  imagePrefix: string;
  defaultLimits: SandboxLimits;
  /**
   * Ceilings on what a create may ask for. CPUs and memory default to the Docker host's (read from
   * the engine); a sandbox asking for more than the machine has would only fail later, or starve it.
   */
  maxLimits: { cpus: number | null; memoryMb: number | null; pids: number };
  /**
   * How long past its own lifetime renewals may keep a sandbox (a task waiting for a human). With
   * the lifetime it makes the hard deadline written on the container, which every reaper honours.
   */
  maxHoldMs: number;
  workspaceSizeMb: number;
  tmpSizeMb: number;
  outputLimitBytes: number;
  pool: { size: number; images: string[]; maxAgeMs: number };
  /**
   * At most `maxActive` sandboxes assigned to tasks at once; a create beyond that waits its turn
   * (FIFO) up to `maxWaitMs`, then fails with 503 (ADR 0038). Warm-pool spares are not counted.
   */
  slots: { maxActive: number; maxWaitMs: number };
  reaperIntervalMs: number;
  instanceId: string;
  /**
   * `allowHosts`: registries for `registries` mode. `gitHosts`: hosts (`host` or `host:port`) a
   * `git-url` source may clone from. `privateAllow`: CIDR ranges of private addresses the proxy may
   * still connect to (an in-house git server); loopback and the host's own addresses never.
   */
  egress: { allowHosts: string[]; gitHosts: string[]; privateAllow: string[]; network: string; proxyPort: number };
  /** Remote (Streamable HTTP) MCP servers the service connects to (ADR 0029). */
  mcpRemote: { allowLoopback: boolean; caFile: string | null };
  repoRoots: string[];
  /**
   * Snapshots of installed dependencies reused by later sandboxes of the same repository (ADR 0033):
   * evicted past `maxAgeMs` after they were taken, and least recently used first above `maxBytes`.
   */
  warmEnvironments: { enabled: boolean; maxAgeMs: number; maxBytes: number };
  /** A per-repository volume mounted as the package managers' cache for installs that run (ADR 0033). */
  packageCache: { enabled: boolean };
  dockerSocket: string;
  /**
   * `auto`: run commands in gVisor sandboxes through `runsc exec` directly when this process can
   * (root on the Docker host, runsc's state visible), else through the engine; `docker`: always
   * through the engine.
   */
  exec: { driver: 'auto' | 'docker'; runscBinary: string; runscRoot: string };
}

export class SandboxConfigError extends Error {}

/** Parses the environment once at boot; the error names every bad variable. */
export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  // An empty variable (`SANDBOX_GIT_HOSTS=` copied from .env.example) means "the default", as in
  // @patchbay/config, not "an empty list".
  const parsed = sandboxEnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SandboxConfigError(`invalid sandbox configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  let dockerSocket: string;
  try {
    dockerSocket = dockerEndpointFromEnv(env).socketPath;
  } catch (error) {
    if (error instanceof DockerEndpointError)
      throw new SandboxConfigError(`invalid sandbox configuration: ${error.message}`);
    throw error;
  }
  return {
    port: e.SANDBOX_PORT,
    token: e.SANDBOX_TOKEN,
    runtime: e.SANDBOX_RUNTIME,
    netRuntime: e.SANDBOX_RUNTIME === 'runc' ? 'runc' : e.SANDBOX_NET_RUNTIME,
    imagePrefix: e.SANDBOX_IMAGE_PREFIX,
    defaultLimits: {
      cpus: e.SANDBOX_DEFAULT_CPUS,
      memoryMb: e.SANDBOX_DEFAULT_MEMORY_MB,
      pids: e.SANDBOX_DEFAULT_PIDS,
      execTimeoutMs: e.SANDBOX_EXEC_TIMEOUT_MS,
      sandboxTimeoutMs: e.SANDBOX_TIMEOUT_MS,
    },
    maxLimits: {
      cpus: e.SANDBOX_MAX_CPUS ?? null,
      memoryMb: e.SANDBOX_MAX_MEMORY_MB ?? null,
      pids: e.SANDBOX_MAX_PIDS,
    },
    maxHoldMs: e.SANDBOX_MAX_HOLD_MS,
    workspaceSizeMb: e.SANDBOX_WORKSPACE_SIZE_MB,
    tmpSizeMb: e.SANDBOX_TMP_SIZE_MB,
    outputLimitBytes: e.SANDBOX_OUTPUT_LIMIT_BYTES,
    slots: { maxActive: e.SANDBOX_MAX_ACTIVE, maxWaitMs: e.SANDBOX_SLOT_WAIT_MS },
    pool: { size: e.SANDBOX_POOL_SIZE, images: e.SANDBOX_POOL_IMAGES, maxAgeMs: e.SANDBOX_POOL_MAX_AGE_MS },
    reaperIntervalMs: e.SANDBOX_REAPER_INTERVAL_MS,
    instanceId: e.SANDBOX_INSTANCE_ID,
    egress: {
      allowHosts: e.SANDBOX_EGRESS_ALLOW,
      gitHosts: e.SANDBOX_GIT_HOSTS,
      privateAllow: e.SANDBOX_EGRESS_PRIVATE_ALLOW,
      network: e.SANDBOX_EGRESS_NETWORK,
      proxyPort: e.SANDBOX_EGRESS_PROXY_PORT,
    },
    mcpRemote: {
      allowLoopback: e.SANDBOX_MCP_REMOTE_ALLOW_LOOPBACK === 'true',
      caFile: e.SANDBOX_MCP_REMOTE_CA_FILE ?? null,
    },
    repoRoots: e.SANDBOX_REPO_ROOTS,
    warmEnvironments: {
      enabled: e.SANDBOX_WARM_ENV === 'true',
      maxAgeMs: e.SANDBOX_WARM_ENV_MAX_AGE_MS,
      maxBytes: e.SANDBOX_WARM_ENV_MAX_BYTES,
    },
    packageCache: { enabled: e.SANDBOX_PACKAGE_CACHE === 'true' },
    dockerSocket,
    exec: { driver: e.SANDBOX_EXEC_DRIVER, runscBinary: e.SANDBOX_RUNSC_BINARY, runscRoot: e.SANDBOX_RUNSC_ROOT },
  };
}
