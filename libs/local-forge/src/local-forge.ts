import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { git, GitCommandError } from './git';

export interface CommitAuthor {
  name: string;
  email: string;
}

export interface PublishRequest {
  /** The bare repository in the local forge. */
  barePath: string;
  /** The commit the change was made against. */
  baseCommit: string;
  branch: string;
  /** Unified diff (`git diff` of the workspace against baseCommit). */
  diff: string;
  message: string;
  author: CommitAuthor;
}

export class ForgeConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForgeConflictError';
  }
}

/** Runs `work` in a scratch clone of a bare repository and removes the clone afterwards. */
async function withScratchClone<T>(barePath: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'patchbay-forge-'));
  try {
    await git(dir, ['init', '--quiet']);
    await git(dir, ['remote', 'add', 'origin', barePath]);
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The local forge: bare git repositories on disk standing in for a hosted forge. Publishing makes
 * one commit of the approved diff on a new branch and pushes it; it never force-pushes and never
 * writes to an existing branch, so a replayed publish cannot rewrite history.
 */
export class LocalForge {
  async branchHead(barePath: string, branch: string): Promise<string | null> {
    const out = await git(barePath, ['for-each-ref', '--format=%(objectname)', `refs/heads/${branch}`]);
    return out.trim() || null;
  }

  async resolve(barePath: string, ref: string): Promise<string> {
    return (await git(barePath, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  }

  async publish(request: PublishRequest): Promise<{ headSha: string; filesChanged: string[] }> {
    if (await this.branchHead(request.barePath, request.branch)) {
      throw new ForgeConflictError(`branch ${request.branch} already exists; publishing never overwrites a branch`);
    }
    return withScratchClone(request.barePath, async (dir) => {
      await git(dir, ['fetch', '--quiet', 'origin', request.baseCommit]);
      await git(dir, ['checkout', '--quiet', '-b', request.branch, 'FETCH_HEAD']);
      try {
        await git(
          dir,
          ['apply', '--index', '--whitespace=nowarn', '-'],
          request.diff.endsWith('\n') ? request.diff : `${request.diff}\n`,
        );
      } catch (error) {
        throw new ForgeConflictError(
          `the diff does not apply to ${request.baseCommit.slice(0, 12)}: ${(error as GitCommandError).stderr.trim()}`,
        );
      }
      const filesChanged = (await git(dir, ['diff', '--cached', '--name-only'])).split('\n').filter(Boolean);
      if (filesChanged.length === 0) throw new ForgeConflictError('the diff changes nothing');
      await git(
        dir,
        [
          '-c',
          `user.name=${request.author.name}`,
          '-c',
          `user.email=${request.author.email}`,
          'commit',
          '--quiet',
          '--no-verify',
          '-F',
          '-',
        ],
        request.message,
      );
      const headSha = (await git(dir, ['rev-parse', 'HEAD'])).trim();
      // No `+` and no --force: the bare repository refuses anything but a new ref.
      await git(dir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${request.branch}`]);
      return { headSha, filesChanged };
    });
  }

  /** Merges a branch into the base: fast-forward when possible, otherwise a merge commit. */
  async merge(
    barePath: string,
    base: string,
    branch: string,
    author: CommitAuthor,
  ): Promise<{ mergedSha: string; fastForward: boolean }> {
    return withScratchClone(barePath, async (dir) => {
      await git(dir, [
        'fetch',
        '--quiet',
        'origin',
        `refs/heads/${base}:refs/remotes/origin/${base}`,
        `refs/heads/${branch}:refs/remotes/origin/${branch}`,
      ]);
      await git(dir, ['checkout', '--quiet', '-b', base, `origin/${base}`]);
      let fastForward = true;
      try {
        await git(dir, ['merge', '--quiet', '--ff-only', `origin/${branch}`]);
      } catch {
        fastForward = false;
        try {
          await git(dir, [
            '-c',
            `user.name=${author.name}`,
            '-c',
            `user.email=${author.email}`,
            'merge',
            '--quiet',
            '--no-ff',
            '--no-edit',
            `origin/${branch}`,
          ]);
        } catch (error) {
          throw new ForgeConflictError(
            `${branch} does not merge cleanly into ${base}: ${(error as GitCommandError).stderr.trim()}`,
          );
        }
      }
      const mergedSha = (await git(dir, ['rev-parse', 'HEAD'])).trim();
      await git(dir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${base}`]);
      return { mergedSha, fastForward };
    });
  }
}

/** The sandbox image a repository needs, judged from the files at a ref of its bare repository. */
export async function sandboxImageFor(barePath: string, ref: string): Promise<'node' | 'python' | 'go' | 'base'> {
  const files = new Set((await git(barePath, ['ls-tree', '-r', '--name-only', ref])).split('\n'));
  if (files.has('package.json')) return 'node';
  if (files.has('pyproject.toml') || files.has('setup.py') || files.has('requirements.txt') || files.has('pytest.ini'))
    return 'python';
  if (files.has('go.mod')) return 'go';
  return 'base';
}

/**
 * Whether a repository needs packages installed before its tests can run: a package.json with
 * dependencies, or a Python/Go/Java manifest. Judged from the bare repository, before a sandbox
 * exists, because it decides the sandbox's network mode.
 */
export async function needsDependencyInstall(barePath: string, ref: string): Promise<boolean> {
  const files = new Set((await git(barePath, ['ls-tree', '--name-only', ref])).split('\n'));
  if (files.has('package.json')) {
    try {
      const manifest = JSON.parse(await git(barePath, ['show', `${ref}:package.json`])) as {
        dependencies?: object;
        devDependencies?: object;
      };
      if (Object.keys(manifest.dependencies ?? {}).length + Object.keys(manifest.devDependencies ?? {}).length > 0)
        return true;
    } catch {
      // An unreadable package.json is the test run's problem to report, not a reason to go online.
    }
  }
  return [...files].some(
    (file) =>
      file === 'pyproject.toml' || /^requirements.*\.txt$/.test(file) || file === 'go.mod' || file === 'pom.xml',
  );
}
