import type { LintMode } from '@patchbay/contracts';
import { git } from '@patchbay/local-forge';
import {
  AGENTS_FILE_NAME,
  loadPatchbayConfig,
  PatchbayConfigError,
  resolveAgentsInstructions,
  resolveEffectiveRepoConfig,
  type PatchbayConfigFile,
  type ResolvedRepoConfig,
} from '@patchbay/repo-config';
import type { TaskBrief } from './task-graph.state';

/** What the repository says about how it wants to be worked on, read at the task's base commit. */
export interface RepositoryGuidance {
  /** The brief with the effective commands (settings ← `.patchbay.yml` ← defaults). */
  brief: TaskBrief;
  resolved: ResolvedRepoConfig;
  /** Why `.patchbay.yml` was ignored, with file, line, column and rule; null when it was usable or absent. */
  configProblem: string | null;
  /** The nearest AGENTS.md of each path the task is about; empty text when the repository has none. */
  instructions: { text: string; sources: string[] };
}

/**
 * Reads `.patchbay.yml` and the AGENTS.md files from the bare repository at `ref` — never from the
 * workspace, so an edit the task makes cannot change the rules it runs under — and lays the
 * repository's stored settings over the file. Task text plays no part: only the brief's stored
 * settings and the repository's own files reach this function.
 */
export async function loadRepositoryGuidance(
  brief: TaskBrief,
  ref: string,
  paths: readonly string[],
): Promise<RepositoryGuidance> {
  const readAt = (path: string) => git(brief.barePath, ['show', `${ref}:${path}`]).catch(() => null);
  let file: PatchbayConfigFile | null = null;
  let configProblem: string | null = null;
  try {
    file = await loadPatchbayConfig(readAt);
  } catch (error) {
    if (!(error instanceof PatchbayConfigError)) throw error;
    configProblem = error.message;
  }
  const resolved = resolveEffectiveRepoConfig(file, {
    setupCommand: brief.setupCommand,
    testCommand: brief.testCommand,
    lintMode: brief.lintMode ?? null,
    lintCommand: brief.lintCommand,
    requiredChecks: brief.requiredChecks ?? null,
  });
  const listing = await git(brief.barePath, ['ls-tree', '-r', '--name-only', ref]);
  const agentsFiles = listing
    .split('\n')
    .filter((path) => path === AGENTS_FILE_NAME || path.endsWith(`/${AGENTS_FILE_NAME}`));
  const instructions = await resolveAgentsInstructions({
    agentsFiles,
    paths,
    readFile: async (path) => (await readAt(path)) ?? '',
  });
  return {
    brief: withEffectiveCommands(brief, resolved),
    resolved,
    configProblem,
    instructions: { text: instructions.text, sources: instructions.sources.map((source) => source.path) },
  };
}

/** One line for the task's event log: which files were used and where each command comes from. */
export function describeGuidance(guidance: RepositoryGuidance): string {
  const { resolved, instructions } = guidance;
  const config = resolved.configFile
    ? `${resolved.configFile} (test: ${resolved.provenance.test}, lint: ${resolved.provenance.lint}, setup: ${resolved.provenance.setup})`
    : 'no .patchbay.yml';
  const agents =
    instructions.sources.length > 0 ? `instructions from ${instructions.sources.join(', ')}` : 'no AGENTS.md';
  return `Repository configuration: ${config}; ${agents}`;
}

/** Steps of a command list joined as the shell runs them: each must pass for the next to run. */
function joined(commands: readonly string[]): string | null {
  return commands.length > 0 ? commands.join(' && ') : null;
}

function withEffectiveCommands(brief: TaskBrief, resolved: ResolvedRepoConfig): TaskBrief {
  const { config } = resolved;
  const lintMode: LintMode = config.lint.mode;
  return {
    ...brief,
    setupCommand: joined(config.setup),
    testCommand: joined(config.test),
    lintMode,
    lintCommand: lintMode === 'command' ? joined(config.lint.commands) : null,
    requiredChecks: config.check,
  };
}
