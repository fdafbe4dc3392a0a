import { access } from 'node:fs/promises';
import { commitParents, recentAncestors, resolveCommit } from '../git/commit-tree';
import { buildIndex } from './index-builder';
import { IndexCache } from './index-cache';
import { optionsKey, resolveIndexOptions, type IndexOptions } from './index-options';
import type { IndexBuildReport, RepoIndex } from './repo-index';

export interface IndexRepositoryRequest {
  /** A git repository on disk, bare or with a working tree (the working tree is never read). */
  repo: string;
  /** Branch, tag or commit id; default HEAD. */
  rev?: string;
  /** Cache directory; `null` disables the on-disk cache. Default: `defaultCacheDirectory()`. */
  cacheDirectory?: string | null;
  /** Build incrementally from this revision's cached index instead of searching for one. */
  base?: string;
  /** Force a full build even when an ancestor's index is cached. */
  full?: boolean;
  options?: Partial<IndexOptions>;
}

// How far back to look for a cached ancestor to build from; beyond this, a full build is about
// as fast as reusing an index that shares little with the commit.
const ANCESTOR_SEARCH_DEPTH = 32;

/**
 * The index of a commit: from the cache if present, else built incrementally from the nearest
 * cached ancestor (parents first), else built in full; a built index is written to the cache.
 */
export async function indexRepository(
  request: IndexRepositoryRequest,
): Promise<{ index: RepoIndex; report: IndexBuildReport }> {
  const started = performance.now();
  const commit = await resolveCommit(request.repo, request.rev ?? 'HEAD');
  const options = resolveIndexOptions(request.options);
  const key = optionsKey(options);
  const cache = request.cacheDirectory === null ? null : new IndexCache(request.cacheDirectory);

  const cached = await cache?.read(commit, key);
  if (cached) return { index: cached, report: cachedReport(cached, performance.now() - started) };

  // The parent's index is loaded while the commit's tree is listed: both mostly wait on I/O.
  const previous = cache && !request.full ? findPrevious(request, commit, cache, key) : null;
  const built = await buildIndex(request.repo, commit, options, previous);
  if (cache) await cache.write(built.index);
  return { index: built.index, report: { ...built.report, durationMs: performance.now() - started } };
}

/** The cached index to build from: the given base, else a parent, else a recent ancestor. */
async function findPrevious(
  request: IndexRepositoryRequest,
  commit: string,
  cache: IndexCache,
  key: string,
): Promise<RepoIndex | null> {
  const firstTry = request.base
    ? [await resolveCommit(request.repo, request.base)]
    : await commitParents(request.repo, commit);
  const fromFirst = await firstCached(firstTry, cache, key);
  if (fromFirst || request.base) return fromFirst;
  return firstCached(await recentAncestors(request.repo, commit, ANCESTOR_SEARCH_DEPTH), cache, key);
}

async function firstCached(commits: readonly string[], cache: IndexCache, key: string): Promise<RepoIndex | null> {
  for (const candidate of commits) {
    if (!(await exists(cache.pathOf(candidate, key)))) continue;
    const index = await cache.read(candidate, key);
    if (index) return index;
  }
  return null;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function cachedReport(index: RepoIndex, durationMs: number): IndexBuildReport {
  const indexed = index.files.filter((f) => !f.excluded);
  return {
    commit: index.commit,
    mode: 'cached',
    baseCommit: null,
    files: index.files.length,
    indexedFiles: indexed.length,
    parsedFiles: indexed.filter((f) => f.content?.parsed).length,
    analysedFiles: 0,
    indexedLines: indexed.reduce((sum, f) => sum + (f.content?.lines ?? 0), 0),
    durationMs,
  };
}
