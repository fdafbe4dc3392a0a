import { lookup } from 'node:dns/promises';
import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { refusedAddressKind } from './import-host-address';

/** A source the policy accepted, in the exact form git must be given. */
export type ImportSource =
  /** The real path of a git directory inside an import root. */
  | { kind: 'path'; gitDir: string }
  /** A URL whose host resolved only to allowed addresses; `addresses` are the ones to connect to. */
  | { kind: 'url'; scheme: 'https' | 'ssh'; url: string; host: string; port: number; addresses: string[] };

/** Why a source was refused. For the server log only: clients get one message for every refusal. */
export class ImportSourceRefusal extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ImportSourceRefusal';
  }
}

export type HostLookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

export interface ImportSourcePolicyOptions {
  /** Directories (FORGE_IMPORT_ROOTS) a repository may be imported from by path. */
  roots: readonly string[];
  /** Directories the platform itself writes (the offline demo's source): allowed even inside a protected directory. */
  trustedRoots: readonly string[];
  /** Never a source, whatever the roots say: DATA_DIR holds every organisation's forge copies, the embedded database and the master key. */
  protectedDirs: readonly string[];
  allowSsh: boolean;
  allowPrivateHosts: boolean;
  lookup?: HostLookup;
}

/** More entries than any ordinary git directory has; beyond it the source is refused rather than walked forever. */
const MAX_GIT_DIR_ENTRIES = 200_000;
const PLAIN_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i;

const defaultLookup: HostLookup = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Decides whether `importFrom` may be read, and pins down what exactly git will read. Paths are
 * judged by real path (symlinks and /proc/self/cwd resolved) against the import roots; the git
 * directory itself must hold no symlink, gitfile, `commondir` or alternates that could make git read
 * objects from elsewhere. URLs must be https:// (ssh:// when allowed) to hosts whose every address
 * is public; those addresses are returned so that git connects to what was checked.
 */
export class ImportSourcePolicy {
  private readonly lookup: HostLookup;

  constructor(private readonly options: ImportSourcePolicyOptions) {
    this.lookup = options.lookup ?? defaultLookup;
  }

  async decide(source: string): Promise<ImportSource> {
    if (path.isAbsolute(source)) return this.decidePath(source);
    return this.decideUrl(source);
  }

  private async decidePath(source: string): Promise<ImportSource> {
    const real = await realpath(source).catch(() => null);
    if (!real) throw new ImportSourceRefusal('no such path');
    await this.assertInsideRoots(real);
    if (!(await stat(real)).isDirectory()) throw new ImportSourceRefusal('not a directory');
    const gitDir = await this.gitDirOf(real);
    await this.assertInsideRoots(gitDir);
    await assertPlainGitDir(gitDir);
    return { kind: 'path', gitDir };
  }

  /** A work tree's `.git` directory, or the directory itself when it is a bare repository. */
  private async gitDirOf(directory: string): Promise<string> {
    const dotGit = path.join(directory, '.git');
    const entry = await lstat(dotGit).catch(() => null);
    if (!entry) return directory;
    // A gitfile ("gitdir: …", as in linked worktrees and submodules) can name any directory.
    if (entry.isFile()) throw new ImportSourceRefusal('.git is a gitfile');
    const real = await realpath(dotGit);
    if (!(await stat(real)).isDirectory()) throw new ImportSourceRefusal('.git is not a directory');
    return real;
  }

  private async assertInsideRoots(real: string): Promise<void> {
    const [trusted, roots, protectedDirs] = await Promise.all([
      realPaths(this.options.trustedRoots),
      realPaths(this.options.roots),
      realPaths(this.options.protectedDirs, { keepMissing: true }),
    ]);
    if (trusted.some((root) => isInside(real, root))) return;
    if (!roots.some((root) => isInside(real, root))) throw new ImportSourceRefusal('outside the import roots');
    if (protectedDirs.some((dir) => isInside(real, dir))) throw new ImportSourceRefusal('inside the data directory');
  }

  private async decideUrl(source: string): Promise<ImportSource> {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new ImportSourceRefusal('neither an absolute path nor a URL');
    }
    const scheme =
      url.protocol === 'https:' ? 'https' : url.protocol === 'ssh:' && this.options.allowSsh ? 'ssh' : null;
    if (!scheme) throw new ImportSourceRefusal(`scheme ${url.protocol} is not allowed`);
    // Credentials do not belong in a source that is logged and kept in the copy's git config; an
    // ssh user name (git@) is not a secret.
    if (url.password || (scheme === 'https' && url.username)) throw new ImportSourceRefusal('credentials in the URL');
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // Only plain DNS names and IP literals: the host reaches ssh's command line.
    if (!isIP(host) && !PLAIN_HOST.test(host)) throw new ImportSourceRefusal('not a plain host name');
    const answers = await this.lookup(host).catch(() => []);
    if (answers.length === 0) throw new ImportSourceRefusal(`${host} does not resolve`);
    for (const { address } of answers) {
      const refused = refusedAddressKind(address, this.options.allowPrivateHosts);
      if (refused) throw new ImportSourceRefusal(`${host} resolves to a ${refused} address (${address})`);
    }
    const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 22;
    return {
      kind: 'url',
      scheme,
      url: url.href,
      host,
      port,
      addresses: [...new Set(answers.map(({ address }) => address))],
    };
  }
}

/**
 * git reads objects and refs through the git directory; any indirection in it (a symlinked
 * `objects`, a `commondir` or alternates file) would let a repository inside a root serve
 * another repository's content, e.g. another organisation's forge copy.
 */
async function assertPlainGitDir(gitDir: string): Promise<void> {
  for (const required of ['HEAD', 'objects', 'refs']) {
    if (!(await lstat(path.join(gitDir, required)).catch(() => null)))
      throw new ImportSourceRefusal(`not a git directory (no ${required})`);
  }
  // git clone tries "<path>/.git" before "<path>"; nothing may be there for it to find instead.
  for (const indirection of ['.git', 'commondir', 'objects/info/alternates', 'objects/info/http-alternates']) {
    if (await lstat(path.join(gitDir, indirection)).catch(() => null))
      throw new ImportSourceRefusal(`the git directory has ${indirection}`);
  }
  let seen = 0;
  const pending = [gitDir];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for await (const entry of await opendir(dir)) {
      if (++seen > MAX_GIT_DIR_ENTRIES)
        throw new ImportSourceRefusal(`the git directory has more than ${MAX_GIT_DIR_ENTRIES} entries`);
      if (entry.isSymbolicLink())
        throw new ImportSourceRefusal(
          `the git directory holds a symlink (${path.relative(gitDir, path.join(dir, entry.name))})`,
        );
      if (entry.isDirectory()) pending.push(path.join(dir, entry.name));
    }
  }
}

/**
 * Real paths of the directories. A root that cannot be resolved contains nothing; a protected
 * directory that cannot be resolved is still protected under its plain absolute path.
 */
async function realPaths(dirs: readonly string[], options: { keepMissing?: boolean } = {}): Promise<string[]> {
  const resolved = await Promise.all(
    dirs.map((dir) => realpath(dir).catch(() => (options.keepMissing ? path.resolve(dir) : null))),
  );
  return resolved.filter((dir): dir is string => dir !== null);
}

function isInside(candidate: string, dir: string): boolean {
  const relative = path.relative(dir, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
