import type { LintMode, RequiredCheck, SandboxNetworkMode } from '@patchbay/contracts';
import type { PatchbayConfigFile } from './parse-patchbay-config';
import { nameRequiredChecks } from './required-check-names';

/** Where an effective value came from, for the dashboard. */
export type RepoConfigSource = 'default' | 'file' | 'settings';

/**
 * The repository's own settings as stored in the database (the repositories table and its
 * settings API). `null` or `undefined` means "not set here", so the file (or the default)
 * applies; anything else, an empty list included, wins over the file.
 *
 * Every field is a structured admin setting. There is deliberately no free-text field: task,
 * issue and comment text must never change how a repository is built, tested or sandboxed.
 */
export interface RepositoryConfigSettings {
  setupCommand?: string | null;
  testCommand?: string | null;
  /** `auto` (the column's default) leaves the choice to the file; `off` and `command` decide it. */
  lintMode?: LintMode | null;
  lintCommand?: string | null;
  /** The repository's named required checks; an empty list means "none" and wins over the file. */
  requiredChecks?: readonly RequiredCheck[] | null;
  /** Names of the variables the settings give values to (plain and secret). */
  envNames?: readonly string[] | null;
  exclude?: readonly string[] | null;
  network?: SandboxNetworkMode | null;
  plan?: {
    requireTargetTests?: boolean | null;
    maxFilesChanged?: number | null;
    avoid?: readonly string[] | null;
  } | null;
}

/** How the linter runs: `auto` lets the testing agent find one; `command` runs `commands`. */
export interface EffectiveLint {
  mode: LintMode;
  commands: string[];
}

/** The configuration a task of this repository runs under. */
export interface EffectiveRepoConfig {
  /** Empty: nothing to run beyond the platform's own dependency install. */
  setup: string[];
  /** Empty: the testing agent detects the runner. */
  test: string[];
  lint: EffectiveLint;
  /** Named commands that must pass on the final diff (`checks:`, or `check:` named after each command). */
  check: RequiredCheck[];
  env: string[];
  exclude: string[];
  network: SandboxNetworkMode;
  plan: {
    requireTargetTests: boolean;
    /** null: no limit. */
    maxFilesChanged: number | null;
    avoid: string[];
  };
}

export const EFFECTIVE_REPO_CONFIG_FIELDS = [
  'setup',
  'test',
  'lint',
  'check',
  'env',
  'exclude',
  'network',
  'plan.requireTargetTests',
  'plan.maxFilesChanged',
  'plan.avoid',
] as const;
export type EffectiveRepoConfigField = (typeof EFFECTIVE_REPO_CONFIG_FIELDS)[number];

export interface ResolvedRepoConfig {
  config: EffectiveRepoConfig;
  /** The source of every field. */
  provenance: Record<EffectiveRepoConfigField, RepoConfigSource>;
  /** The configuration file that was read (even when settings overrode all of it), or null. */
  configFile: string | null;
}

/** What a repository gets when neither its file nor its settings say otherwise. */
export const DEFAULT_REPO_CONFIG: Readonly<EffectiveRepoConfig> = Object.freeze<EffectiveRepoConfig>({
  setup: [],
  test: [],
  lint: { mode: 'auto', commands: [] },
  check: [],
  env: [],
  exclude: [],
  // Deny all egress unless someone with authority over the repository asks for more.
  network: 'none',
  plan: { requireTargetTests: false, maxFilesChanged: null, avoid: [] },
});

interface Layer<T> {
  value: T;
  source: RepoConfigSource;
}

/**
 * Lays the repository's `.patchbay.yml` over the defaults, then the repository settings from the
 * database over both: the database wins, field by field.
 *
 * The signature is the guarantee that task text cannot reach the result: it takes the parsed
 * file and the stored settings, nothing else, and neither type has a free-text field.
 *
 * @param file the parsed `.patchbay.yml` of the base commit, or null when the repository has none
 * @param settings the repository's stored settings, or null
 */
export function resolveEffectiveRepoConfig(
  file: PatchbayConfigFile | null,
  settings: RepositoryConfigSettings | null,
): ResolvedRepoConfig {
  const fromFile = file?.config;
  const stored = settings ?? {};
  const defaults = DEFAULT_REPO_CONFIG;

  const setup = pick(defaults.setup, fromFile?.setup, single(stored.setupCommand));
  const test = pick(defaults.test, fromFile?.test, single(stored.testCommand));
  const lint = resolveLint(fromFile?.lint, stored);
  const check = pick<RequiredCheck[]>(
    defaults.check,
    fromFile?.checks ?? (fromFile?.check ? nameRequiredChecks(fromFile.check) : undefined),
    stored.requiredChecks ? stored.requiredChecks.map((required) => ({ ...required })) : undefined,
  );
  const env = pick(defaults.env, fromFile?.env, list(stored.envNames));
  const exclude = pick(defaults.exclude, fromFile?.exclude, list(stored.exclude));
  const network = pick(defaults.network, fromFile?.network, stored.network ?? undefined);
  const requireTargetTests = pick(
    defaults.plan.requireTargetTests,
    fromFile?.plan?.requireTargetTests,
    stored.plan?.requireTargetTests ?? undefined,
  );
  const maxFilesChanged = pick<number | null>(
    defaults.plan.maxFilesChanged,
    fromFile?.plan?.maxFilesChanged,
    stored.plan?.maxFilesChanged ?? undefined,
  );
  const avoid = pick(defaults.plan.avoid, fromFile?.plan?.avoid, list(stored.plan?.avoid));

  return {
    config: {
      setup: [...setup.value],
      test: [...test.value],
      lint: { mode: lint.value.mode, commands: [...lint.value.commands] },
      check: check.value.map((required) => ({ ...required })),
      env: [...env.value],
      exclude: [...exclude.value],
      network: network.value,
      plan: {
        requireTargetTests: requireTargetTests.value,
        maxFilesChanged: maxFilesChanged.value,
        avoid: [...avoid.value],
      },
    },
    provenance: {
      setup: setup.source,
      test: test.source,
      lint: lint.source,
      check: check.source,
      env: env.source,
      exclude: exclude.source,
      network: network.source,
      'plan.requireTargetTests': requireTargetTests.source,
      'plan.maxFilesChanged': maxFilesChanged.source,
      'plan.avoid': avoid.source,
    },
    configFile: file?.path ?? null,
  };
}

function pick<T>(fallback: T, fromFile: T | undefined, fromSettings: T | undefined): Layer<T> {
  if (fromSettings !== undefined) return { value: fromSettings, source: 'settings' };
  if (fromFile !== undefined) return { value: fromFile, source: 'file' };
  return { value: fallback, source: 'default' };
}

/**
 * The lint column pair is read as one decision: `off` and `command` (with a command) are the
 * admin's choice; `auto` is the column's default, so it leaves room for the file's command.
 */
function resolveLint(fromFile: string[] | undefined, stored: RepositoryConfigSettings): Layer<EffectiveLint> {
  const lintCommand = single(stored.lintCommand);
  if (stored.lintMode === 'off') return { value: { mode: 'off', commands: [] }, source: 'settings' };
  if (lintCommand) return { value: { mode: 'command', commands: lintCommand }, source: 'settings' };
  if (fromFile) return { value: { mode: 'command', commands: fromFile }, source: 'file' };
  return { value: DEFAULT_REPO_CONFIG.lint, source: 'default' };
}

/** A stored single command; blank counts as unset, as the settings form saves it. */
function single(command: string | null | undefined): string[] | undefined {
  return command && command.trim() !== '' ? [command] : undefined;
}

function list(values: readonly string[] | null | undefined): string[] | undefined {
  return values ? [...values] : undefined;
}
