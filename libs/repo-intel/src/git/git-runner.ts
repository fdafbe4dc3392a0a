import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** A git command that failed; the message carries git's own last lines, which name the cause. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`);
    this.name = 'GitCommandError';
  }
}

/**
 * The environment every git call runs in: no terminal prompt, no system or user configuration,
 * so an operator's aliases, pagers or `core.*` settings cannot change what an index contains.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    LANG: 'C',
    LC_ALL: 'C',
  };
}

// Hooks never run for the plumbing used here, but the setting keeps it so if a porcelain command
// is ever added; `core.quotePath=false` keeps non-ASCII paths readable in the few non -z outputs.
const SAFE_OPTIONS = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.quotePath=false'];

/** Runs one git command against a repository (bare or not) and returns its stdout as text. */
export function runGit(repo: string, args: string[], options: { maxBuffer?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFE_OPTIONS, '-C', repo, ...args],
      { env: gitEnvironment(), maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new GitCommandError(args, stderr || error.message));
        else resolve(stdout);
      },
    );
  });
}

/** Starts a long-lived git process (cat-file --batch) whose stdin and stdout the caller drives. */
export function spawnGit(repo: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...SAFE_OPTIONS, '-C', repo, ...args], {
    env: gitEnvironment(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
