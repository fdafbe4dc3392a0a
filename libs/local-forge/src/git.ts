import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    this.name = 'GitCommandError';
  }
}

/**
 * Runs git without a terminal, hooks or the user's configuration, so repository content and the
 * operator's settings cannot change what a forge operation does. `extraEnv` carries per-command
 * settings such as a hosted forge's credentials (never written to any config file).
 */
export async function git(
  cwd: string,
  args: string[],
  input?: string,
  extraEnv: Record<string, string> = {},
): Promise<string> {
  const env = {
    ...extraEnv,
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: cwd,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    LANG: 'C',
  };
  const full = ['-c', 'core.hooksPath=/dev/null', '-c', 'protocol.ext.allow=never', ...args];
  try {
    if (input === undefined) return (await run('git', full, { cwd, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
    return await new Promise<string>((resolve, reject) => {
      const child = execFile('git', full, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr }));
        else resolve(stdout);
      });
      child.stdin?.end(input);
    });
  } catch (error) {
    throw new GitCommandError(args, String((error as { stderr?: unknown }).stderr ?? (error as Error).message));
  }
}
