import { runGit } from './git-runner';

/** What a tree entry is, from its git mode: only regular files have content worth reading. */
export type TreeEntryKind = 'file' | 'executable' | 'symlink' | 'submodule';

export interface TreeEntry {
  path: string;
  kind: TreeEntryKind;
  objectId: string;
  /** Blob size in bytes (0 for submodules, whose object lives in another repository). */
  size: number;
}

/** A revision that git cannot turn into a commit: a user mistake, reported without a stack. */
export class UnknownRevisionError extends Error {
  constructor(
    readonly repo: string,
    readonly rev: string,
  ) {
    super(`${rev} is not a commit in ${repo}`);
    this.name = 'UnknownRevisionError';
  }
}

const KINDS: Record<string, TreeEntryKind> = {
  '100644': 'file',
  '100755': 'executable',
  '120000': 'symlink',
  '160000': 'submodule',
};

/**
 * Resolves a branch, tag or abbreviated id to the full commit id. When that fails, one more
 * call tells "not a repository" from "no such revision", so the common path costs one process.
 */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  // `--end-of-options` stops a revision such as `--output=x` from being read as an option.
  const out = await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(
    () => '',
  );
  const id = out.trim();
  if (/^[0-9a-f]{40,64}$/.test(id)) return id;
  await assertGitRepository(repo);
  throw new UnknownRevisionError(repo, rev);
}

/** The parents of a commit, first parent first. */
export async function commitParents(repo: string, commit: string): Promise<string[]> {
  const out = await runGit(repo, ['rev-list', '--parents', '-n', '1', commit]);
  return out.trim().split(' ').slice(1).filter(Boolean);
}

/**
 * Every entry of a commit's tree, recursively, with blob sizes: `git ls-tree -r -l -z`. Symlinks
 * appear as entries of kind `symlink`; their target is a blob the indexer never follows.
 */
export async function listTree(repo: string, commit: string): Promise<TreeEntry[]> {
  const out = await runGit(repo, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, , objectId, size] = record.slice(0, tab).split(/ +/);
    const kind = KINDS[mode ?? ''];
    if (!kind || !objectId) continue;
    entries.push({ path: record.slice(tab + 1), kind, objectId, size: size === '-' ? 0 : Number(size) });
  }
  // ls-tree sorts by git's byte order already; sorting again makes the order explicit and locale-free.
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A path that is not a git repository (bare or not): a user mistake, reported without a stack. */
export class NotAGitRepositoryError extends Error {
  constructor(readonly repo: string) {
    super(`${repo} is not a git repository`);
    this.name = 'NotAGitRepositoryError';
  }
}

export async function assertGitRepository(repo: string): Promise<void> {
  const ok = await runGit(repo, ['rev-parse', '--git-dir']).then(
    () => true,
    () => false,
  );
  if (!ok) throw new NotAGitRepositoryError(repo);
}

/** Up to `limit` ancestors of a commit, nearest first (by commit date), the commit excluded. */
export async function recentAncestors(repo: string, commit: string, limit: number): Promise<string[]> {
  const out = await runGit(repo, ['rev-list', `--max-count=${limit + 1}`, commit]);
  return out.split('\n').filter(Boolean).slice(1);
}
