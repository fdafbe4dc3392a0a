import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { INDEX_FORMAT_VERSION, type RepoIndex } from './repo-index';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Where indexes live unless told otherwise: `PATCHBAY_REPO_INTEL_CACHE`, else the XDG cache
 * directory, else `~/.cache`, else the OS temporary directory (a home may be unwritable in a
 * service account).
 */
export function defaultCacheDirectory(): string {
  const explicit = process.env['PATCHBAY_REPO_INTEL_CACHE'];
  if (explicit) return explicit;
  const xdg = process.env['XDG_CACHE_HOME'];
  if (xdg) return join(xdg, 'patchbay', 'repo-intel');
  const home = homedir();
  return home ? join(home, '.cache', 'patchbay', 'repo-intel') : join(tmpdir(), 'patchbay', 'repo-intel');
}

/**
 * Indexes on disk, keyed by commit id and options. A commit id names its whole tree, so an entry
 * never goes stale and needs no invalidation; the same commit in two clones shares one entry.
 */
export class IndexCache {
  constructor(readonly directory: string = defaultCacheDirectory()) {}

  pathOf(commit: string, optionsKey: string): string {
    return join(this.directory, `v${INDEX_FORMAT_VERSION}-${optionsKey}`, commit.slice(0, 2), `${commit}.json.gz`);
  }

  /** The cached index, or null when absent or unreadable (a corrupt entry is rebuilt, not fatal). */
  async read(commit: string, optionsKey: string): Promise<RepoIndex | null> {
    let raw: Buffer;
    try {
      raw = await readFile(this.pathOf(commit, optionsKey));
    } catch {
      return null;
    }
    try {
      const index = JSON.parse((await gunzipAsync(raw)).toString('utf8')) as RepoIndex;
      return index.formatVersion === INDEX_FORMAT_VERSION && index.commit === commit && index.optionsKey === optionsKey
        ? index
        : null;
    } catch {
      return null;
    }
  }

  /** Writes atomically (temporary file, then rename), so a concurrent reader never sees half a file. */
  async write(index: RepoIndex): Promise<string> {
    const path = this.pathOf(index.commit, index.optionsKey);
    await mkdir(join(path, '..'), { recursive: true });
    // Level 1: most of gzip's saving on JSON at a fraction of the default level's time.
    const data = await gzipAsync(Buffer.from(JSON.stringify(index)), { level: 1 });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
    return path;
  }
}
