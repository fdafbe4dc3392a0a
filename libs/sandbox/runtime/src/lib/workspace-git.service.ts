import { Inject, Injectable } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import type { DiffFileStat, DiffResponse, SandboxSource, SnapshotInfo } from '@patchbay/contracts';
import { ContainerManager } from './container-manager.service';
import { EgressAddressPolicy } from './egress-address-policy';
import { checkGitUrl } from './git-url-policy';
import type { SandboxConfig } from './sandbox-config';
import { SandboxBadRequestError, SandboxError } from './sandbox-errors';
import type { SandboxRecord } from './sandbox-record';
import { SANDBOX_CONFIG } from './sandbox.tokens';

const run = promisify(execFile);

/** An empty repository with one commit, so every sandbox has a base to diff and snapshot against. */
export const INIT_EMPTY_SCRIPT =
  'cd /workspace && git init -q && git commit -q --allow-empty -m "empty workspace" && git rev-parse HEAD';

/**
 * Clones from a bundle streamed over stdin: the host never mounts the repository into the sandbox,
 * and warm-pool containers (created before anyone knew the repository) can take any source.
 */
const CLONE_BUNDLE_SCRIPT = [
  'set -e',
  'mkdir -p /tmp/.patchbay',
  'cat > /tmp/.patchbay/source.bundle',
  'cd /workspace',
  'rm -rf .git',
  'git init -q',
  "git fetch -q --update-head-ok /tmp/.patchbay/source.bundle '+refs/heads/*:refs/heads/*' '+refs/tags/*:refs/tags/*'",
  'git checkout -q --detach "$1"',
  'rm -f /tmp/.patchbay/source.bundle',
  'git rev-parse HEAD',
].join('\n');

const CLONE_URL_SCRIPT = [
  'set -e',
  'cd /workspace',
  'rm -rf .git',
  'git clone -q --no-checkout -- "$1" /tmp/.patchbay-clone',
  'mv /tmp/.patchbay-clone/.git .git && rm -rf /tmp/.patchbay-clone',
  'git checkout -q --detach "${2:-HEAD}"',
  'git rev-parse HEAD',
].join('\n');

/** Stages into a throwaway index, so the agent's own index is never touched. */
const DIFF_SCRIPT = [
  'set -e',
  'cd /workspace',
  'mkdir -p /tmp/.patchbay',
  'export GIT_INDEX_FILE=/tmp/.patchbay/diff.index',
  'rm -f "$GIT_INDEX_FILE"',
  'git read-tree "$1"',
  'git add -A',
  'git diff --cached --numstat -z "$1"',
  "printf '\\0--patchbay-diff--\\0'",
  'git diff --cached --binary "$1"',
].join('\n');

const SNAPSHOT_SCRIPT = [
  'set -e',
  'cd /workspace',
  'mkdir -p /tmp/.patchbay',
  'export GIT_INDEX_FILE=/tmp/.patchbay/snapshot.index',
  'rm -f "$GIT_INDEX_FILE"',
  'git read-tree HEAD',
  'git add -A',
  'tree=$(git write-tree)',
  'commit=$(git commit-tree "$tree" -p HEAD -m "patchbay snapshot $1")',
  'git update-ref "refs/patchbay/snapshots/$1" "$commit"',
  'echo "$commit"',
].join('\n');

/** Puts tracked and untracked (not ignored) files back as they were, then HEAD where it was. */
const RESTORE_SCRIPT = [
  'set -e',
  'cd /workspace',
  'commit=$(git rev-parse --verify -q "refs/patchbay/snapshots/$1^{commit}") || exit 3',
  'parent=$(git rev-parse "$commit^")',
  'git reset -q --hard "$commit"',
  'git clean -fdq',
  'git reset -q "$parent"',
].join('\n');

export interface PreparedSource {
  /** Bundle of the source repository, streamed into the sandbox. */
  bundle?: Buffer;
  url?: string;
  /** For a git URL: the `host:port` opened on the egress proxy for the clone only. */
  egressTarget?: string;
  commit: string;
}

@Injectable()
export class WorkspaceGitService {
  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly containers: ContainerManager,
    private readonly addresses: EgressAddressPolicy,
  ) {}

  /**
   * Checks a source before any container is spent on it. A local bare repository must sit under one
   * of the configured roots (a caller must not be able to read arbitrary host directories) and the
   * commit must exist, so a typo is a precise 400 rather than a failed clone.
   */
  async prepare(source: SandboxSource): Promise<PreparedSource> {
    if (source.kind === 'git-url') {
      const allowed = await checkGitUrl(source.url, this.config.egress.gitHosts, this.addresses);
      return { url: allowed.url, egressTarget: allowed.egressTarget, commit: source.commit ?? 'HEAD' };
    }
    let path: string;
    try {
      path = await realpath(source.path);
    } catch {
      throw new SandboxBadRequestError(`source.path "${source.path}" does not exist`);
    }
    const roots = await Promise.all(this.config.repoRoots.map((root) => realpath(root).catch(() => root)));
    if (!roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`))) {
      throw new SandboxBadRequestError(`source.path "${source.path}" is outside the allowed repository roots`);
    }
    const bare = await git(path, ['rev-parse', '--is-bare-repository']).catch(() => '');
    if (bare.trim() !== 'true')
      throw new SandboxBadRequestError(`source.path "${source.path}" is not a bare git repository`);
    const commitish = source.commit ?? 'HEAD';
    const commit = (
      await git(path, ['rev-parse', '--verify', '--quiet', `${commitish}^{commit}`]).catch(() => '')
    ).trim();
    if (!commit) throw new SandboxBadRequestError(`commit "${commitish}" does not exist in ${source.path}`);
    const dir = await mkdtemp(join(tmpdir(), 'patchbay-bundle-'));
    try {
      const file = join(dir, 'source.bundle');
      await git(path, ['bundle', 'create', file, '--all']);
      return { bundle: await readFile(file), commit };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async initEmpty(containerId: string): Promise<string> {
    return this.runScript(containerId, INIT_EMPTY_SCRIPT, [], 'initialising the workspace');
  }

  async checkout(containerId: string, source: PreparedSource): Promise<string> {
    if (source.bundle)
      return this.runScript(containerId, CLONE_BUNDLE_SCRIPT, [source.commit], 'cloning the repository', source.bundle);
    if (source.url)
      return this.runScript(containerId, CLONE_URL_SCRIPT, [source.url, source.commit], 'cloning the repository');
    return this.initEmpty(containerId);
  }

  async diff(record: SandboxRecord): Promise<DiffResponse> {
    const result = await this.containers.run(record.containerId, [
      '/bin/bash',
      '-c',
      DIFF_SCRIPT,
      'patchbay-diff',
      record.baseCommit,
    ]);
    if (result.exitCode !== 0) throw scriptError('computing the diff', result.stderr);
    const output = result.stdout.toString('utf8');
    const marker = output.indexOf('\0--patchbay-diff--\0');
    const numstat = output.slice(0, marker);
    return {
      baseCommit: record.baseCommit,
      diff: output.slice(marker + '\0--patchbay-diff--\0'.length),
      files: parseNumstat(numstat),
    };
  }

  async snapshot(record: SandboxRecord, label: string | undefined): Promise<SnapshotInfo> {
    const id = randomUUID();
    const commit = await this.runScript(record.containerId, SNAPSHOT_SCRIPT, [id], 'taking the snapshot');
    const snapshot: SnapshotInfo = { id, commit, label: label ?? null, createdAt: new Date().toISOString() };
    record.snapshots.push(snapshot);
    return snapshot;
  }

  async restore(record: SandboxRecord, snapshotId: string): Promise<SnapshotInfo> {
    const snapshot = record.snapshots.find((candidate) => candidate.id === snapshotId);
    if (!snapshot)
      throw new SandboxError(404, 'Not Found', `snapshot "${snapshotId}" does not exist in sandbox "${record.id}"`);
    const result = await this.containers.run(record.containerId, [
      '/bin/bash',
      '-c',
      RESTORE_SCRIPT,
      'patchbay-restore',
      snapshotId,
    ]);
    if (result.exitCode === 3)
      throw new SandboxError(404, 'Not Found', `snapshot "${snapshotId}" no longer exists in the workspace`);
    if (result.exitCode !== 0) throw scriptError('restoring the snapshot', result.stderr);
    return snapshot;
  }

  private async runScript(
    containerId: string,
    script: string,
    args: string[],
    what: string,
    stdin?: Buffer,
  ): Promise<string> {
    const result = await this.containers.run(containerId, ['/bin/bash', '-c', script, 'patchbay-git', ...args], stdin);
    if (result.exitCode !== 0) throw scriptError(what, result.stderr);
    return result.stdout.toString('utf8').trim();
  }
}

function scriptError(what: string, stderr: Buffer): SandboxError {
  return new SandboxError(
    422,
    'Unprocessable Entity',
    `${what} failed: ${stderr.toString('utf8').trim().slice(-2_000)}`,
  );
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', cwd, ...args], { maxBuffer: 1024 * 1024 * 1024 });
  return stdout;
}

export function parseNumstat(numstat: string): DiffFileStat[] {
  const files: DiffFileStat[] = [];
  const fields = numstat.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field) continue;
    const [added, removed, path] = field.split('\t');
    const count = (value: string) => (value === '-' ? null : Number(value));
    if (path === '') {
      // Renames come as "added\tremoved\t" followed by the old and new paths as separate fields.
      files.push({ path: fields[i + 2] ?? '', added: count(added), removed: count(removed) });
      i += 2;
    } else {
      files.push({ path, added: count(added), removed: count(removed) });
    }
  }
  return files;
}
