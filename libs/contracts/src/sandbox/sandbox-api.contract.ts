import { z } from 'zod';
import { egressHostSchema } from '../api/egress-allowed-hosts.api';

/**
 * HTTP contract of the sandbox service (`apps/sandbox`): request schemas validated at the edge and
 * the response shapes the typed client (`@patchbay/sandbox-client`) returns to the agents.
 * Every route except health, readiness and metrics requires `Authorization: Bearer <token>`.
 */

export const SANDBOX_API_PREFIX = '/v1/sandboxes';

export const SANDBOX_NETWORK_MODES = ['none', 'registries'] as const;
export type SandboxNetworkMode = (typeof SANDBOX_NETWORK_MODES)[number];

export const SANDBOX_STATES = ['running', 'dead', 'destroyed'] as const;
export type SandboxState = (typeof SANDBOX_STATES)[number];

export const SANDBOX_KILL_REASONS = [
  'exec_timeout',
  'sandbox_timeout',
  'oom',
  'crashed',
  'reaped',
  'destroyed',
] as const;
export type SandboxKillReason = (typeof SANDBOX_KILL_REASONS)[number];

/** Bounds are deliberately generous but finite so a typo cannot ask for 4 TiB or zero CPUs. */
export const sandboxLimitsSchema = z.strictObject({
  cpus: z.number().min(0.1, 'cpus must be at least 0.1').max(64, 'cpus must be at most 64').optional(),
  memoryMb: z
    .number()
    .int()
    .min(64, 'memoryMb must be at least 64')
    .max(262_144, 'memoryMb must be at most 262144')
    .optional(),
  pids: z.number().int().min(16, 'pids must be at least 16').max(65_536, 'pids must be at most 65536').optional(),
  execTimeoutMs: z
    .number()
    .int()
    .min(100, 'execTimeoutMs must be at least 100')
    .max(6 * 60 * 60_000, 'execTimeoutMs must be at most 6 hours')
    .optional(),
  sandboxTimeoutMs: z
    .number()
    .int()
    .min(1_000, 'sandboxTimeoutMs must be at least 1000')
    .max(24 * 60 * 60_000, 'sandboxTimeoutMs must be at most 24 hours')
    .optional(),
});
export type SandboxLimitsInput = z.infer<typeof sandboxLimitsSchema>;
export type SandboxLimits = Required<SandboxLimitsInput>;

/** A commit-ish restricted to characters that cannot be read as a git option. */
export const commitRefSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?!-)[A-Za-z0-9._/^~-]+$/, 'commit must be a commit id or ref name');

export const sandboxSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('git-url'),
    // https only: the clone goes through the egress proxy as a CONNECT tunnel to an allowed git
    // host (SANDBOX_GIT_HOSTS), never as plain http the proxy would have to trust on its content.
    url: z
      .string()
      .max(2_000)
      .regex(/^https:\/\/[^\s]+$/, 'url must be an https git URL'),
    commit: commitRefSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('local-bare'),
    path: z.string().min(1).max(4_096).startsWith('/', 'path must be absolute'),
    commit: commitRefSchema.optional(),
  }),
]);
export type SandboxSource = z.infer<typeof sandboxSourceSchema>;

export const sandboxImageNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'image must be a sandbox image name such as "node" or "python"');

export const createSandboxRequestSchema = z.strictObject({
  taskId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/, 'taskId may contain letters, digits and . _ : -'),
  image: sandboxImageNameSchema.default('base'),
  source: sandboxSourceSchema.optional(),
  limits: sandboxLimitsSchema.optional(),
  network: z.enum(SANDBOX_NETWORK_MODES).default('none'),
  env: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'env names must be shell identifiers'), z.string().max(32_768))
    .optional(),
  /**
   * `host:port` pairs this sandbox may reach through the egress proxy besides its mode's (the
   * repository's allowed hosts, ADR 0032). A sandbox in mode `none` that is given some gets the
   * proxy with only these.
   */
  egressAllowHosts: z.array(egressHostSchema).max(100).optional(),
  /**
   * Reuse what earlier sandboxes of the same repository (the source) installed: its package cache
   * for installs that run, and a warm environment (a snapshot of the installed dependencies) when
   * the lockfiles and setup command match (ADR 0033). Only with a source and `registries` network.
   */
  reuseDependencies: z.boolean().optional(),
});
export type CreateSandboxRequest = z.input<typeof createSandboxRequestSchema>;
export type CreateSandboxCommand = z.output<typeof createSandboxRequestSchema>;

/**
 * Moves a sandbox's expiry to `ttlMs` from now (default: the sandbox's own `sandboxTimeoutMs`),
 * never past its hard deadline. The pipeline shortens it while a task waits for a human and gives
 * the sandbox a fresh lifetime when the task resumes.
 */
export const setSandboxExpiryRequestSchema = z.strictObject({
  ttlMs: z
    .number()
    .int()
    .min(1_000, 'ttlMs must be at least 1000')
    .max(24 * 60 * 60_000, 'ttlMs must be at most 24 hours')
    .optional(),
});
export type SetSandboxExpiryRequest = z.infer<typeof setSandboxExpiryRequestSchema>;

export interface SandboxInfo {
  id: string;
  taskId: string;
  image: string;
  runtime: string;
  network: SandboxNetworkMode;
  limits: SandboxLimits;
  state: SandboxState;
  baseCommit: string;
  createdAt: string;
  expiresAt: string;
  fromWarmPool: boolean;
  killReason: SandboxKillReason | null;
}

export const execRequestSchema = z.strictObject({
  command: z.string().min(1, 'command must not be empty').max(100_000),
  cwd: z.string().max(4_096).optional(),
  env: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'env names must be shell identifiers'), z.string().max(32_768))
    .optional(),
  timeoutMs: z
    .number()
    .int()
    .min(100, 'timeoutMs must be at least 100')
    .max(6 * 60 * 60_000, 'timeoutMs must be at most 6 hours')
    .optional(),
});
export type ExecRequest = z.infer<typeof execRequestSchema>;

export interface ExecResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  /**
   * Processes the service killed when the command timed out: everything the command started,
   * daemons that left its session included (0 when it did not time out).
   */
  killedProcesses: number;
  /**
   * The host's OOM killer fired in the sandbox while the command ran: either the whole sandbox
   * died of it (`sandboxState: "dead"`) or a process of the command was killed and the sandbox
   * lived on (the command then usually exits 137).
   */
  oomKilled: boolean;
  /** The command ran into the sandbox's process limit (`limits.pids`): a fork failed with EAGAIN. */
  pidsLimitReached: boolean;
  /** True when stdout or stderr exceeded the capture limit and only the tail was kept. */
  truncated: boolean;
  /** Set when the sandbox itself did not survive the command (e.g. the memory limit killed it). */
  sandboxState: SandboxState;
}

/** One line of the NDJSON body of the streaming exec route. */
export type ExecStreamChunk =
  { type: 'stdout'; data: string } | { type: 'stderr'; data: string } | { type: 'exit'; result: ExecResult };

export const readFileQuerySchema = z.strictObject({
  path: z.string().min(1, 'path is required').max(4_096),
  startLine: z.coerce.number().int().min(1).optional(),
  endLine: z.coerce.number().int().min(1).optional(),
});
export type ReadFileQuery = z.infer<typeof readFileQuerySchema>;

export interface ReadFileResponse {
  path: string;
  content: string;
  totalLines: number;
  startLine: number;
  endLine: number;
}

export const writeFileRequestSchema = z.strictObject({
  path: z.string().min(1, 'path is required').max(4_096),
  content: z.string().max(20 * 1024 * 1024, 'content must be at most 20 MiB'),
});
export type WriteFileRequest = z.infer<typeof writeFileRequestSchema>;

export interface WriteFileResponse {
  path: string;
  bytes: number;
}

export const deleteFileQuerySchema = z.strictObject({
  path: z.string().min(1, 'path is required').max(4_096),
});
export type DeleteFileQuery = z.infer<typeof deleteFileQuerySchema>;

export const listFilesQuerySchema = z.strictObject({
  path: z.string().max(4_096).default('.'),
  recursive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Comma-separated glob patterns to leave out, in addition to `.git` and the repository's .gitignore. */
  ignore: z.string().max(4_096).optional(),
  maxEntries: z.coerce.number().int().min(1).max(100_000).default(5_000),
});
export type ListFilesQuery = z.input<typeof listFilesQuerySchema>;

export interface FileEntry {
  path: string;
  type: 'file' | 'directory' | 'symlink';
}

export interface ListFilesResponse {
  path: string;
  entries: FileEntry[];
  truncated: boolean;
}

export const searchRequestSchema = z.strictObject({
  pattern: z.string().min(1, 'pattern must not be empty').max(10_000),
  path: z.string().max(4_096).optional(),
  glob: z.string().max(1_000).optional(),
  fixedStrings: z.boolean().optional(),
  caseInsensitive: z.boolean().optional(),
  maxResults: z.number().int().min(1).max(10_000).default(500),
});
export type SearchRequest = z.input<typeof searchRequestSchema>;

export interface SearchMatch {
  path: string;
  line: number;
  text: string;
}

export interface SearchResponse {
  matches: SearchMatch[];
  truncated: boolean;
}

export interface DiffFileStat {
  path: string;
  added: number | null;
  removed: number | null;
}

export interface DiffResponse {
  baseCommit: string;
  diff: string;
  files: DiffFileStat[];
}

export const createSnapshotRequestSchema = z.strictObject({
  label: z.string().max(200).optional(),
});
export type CreateSnapshotRequest = z.infer<typeof createSnapshotRequestSchema>;

export interface SnapshotInfo {
  id: string;
  commit: string;
  label: string | null;
  createdAt: string;
}

export interface BlockedEgressAttempt {
  host: string;
  port: number;
  /** "not allowed for this sandbox", or where the name pointed (e.g. "x resolves to 127.0.0.1, a loopback address"). */
  reason: string;
  at: string;
  /** The commands running in the sandbox when the attempt was refused. */
  commands: string[];
}

export interface BlockedEgressResponse {
  sandboxId: string;
  /**
   * Whether the sandbox reaches the network only through the proxy, so its attempts are seen.
   * False for a sandbox with no network at all: its connections fail inside gVisor.
   */
  monitored: boolean;
  /** The oldest kept first, at most BLOCKED_EGRESS_CAP. */
  attempts: BlockedEgressAttempt[];
  /** Refusals beyond the cap, counted but not kept. */
  dropped: number;
}

/** How many refused attempts the sandbox service keeps per sandbox (memory is bounded). */
export const BLOCKED_EGRESS_CAP = 200;

export const DEPENDENCY_FAILURE_CATEGORIES = [
  'network_blocked',
  'missing_system_package',
  'resolution_conflict',
  'timeout',
  'unknown',
] as const;
export type DependencyFailureCategory = (typeof DEPENDENCY_FAILURE_CATEGORIES)[number];

export const installDependenciesRequestSchema = z.strictObject({
  /** The repository's configured setup command; when given it replaces detection. */
  setupCommand: z.string().min(1).max(10_000).optional(),
  timeoutMs: z
    .number()
    .int()
    .min(1_000)
    .max(6 * 60 * 60_000)
    .optional(),
});
export type InstallDependenciesRequest = z.infer<typeof installDependenciesRequestSchema>;

export interface DependencyInstallStep {
  manifest: string;
  command: string;
  exitCode: number | null;
  durationMs: number;
  timedOut: boolean;
}

export interface DependencyInstallResult {
  ok: boolean;
  steps: DependencyInstallStep[];
  failure: { category: DependencyFailureCategory; outputTail: string; command: string } | null;
  /** What the warm environment did, for a sandbox created with `reuseDependencies` (ADR 0033). */
  warmEnvironment?: WarmEnvironmentOutcome;
}

/**
 * `restored`: the install was skipped, the dependencies came from the snapshot of an earlier install
 * with the same key. `saved`: the install ran and its result was snapshotted under the key.
 * `not_saved`: the install ran but no snapshot was taken (`reason` says why).
 */
export const warmEnvironmentOutcomeSchema = z.object({
  outcome: z.enum(['restored', 'saved', 'not_saved']),
  /** sha256 of repository, sandbox image id, install command(s) and manifest/lockfile contents. */
  key: z.string(),
  /** The manifests and lockfiles whose contents are in the key. */
  manifests: z.array(z.string()),
  bytes: z.number().nullable(),
  durationMs: z.number(),
  reason: z.string().nullable(),
});
export type WarmEnvironmentOutcome = z.infer<typeof warmEnvironmentOutcomeSchema>;

export interface SandboxErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/**
 * `error` of a 503 whose cause is the container engine itself (Docker unreachable, the gVisor
 * runtime not registered), not a momentary overload: a retry cannot help until an operator fixes
 * the machine (`npm run doctor` says how).
 */
export const SANDBOX_ENGINE_UNAVAILABLE = 'Sandbox Engine Unavailable';
