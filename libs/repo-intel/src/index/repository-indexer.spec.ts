import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotAGitRepositoryError, UnknownRevisionError } from '../git/commit-tree';
import { FixtureRepository } from '../testing/fixture-repository';
import { IndexCache } from './index-cache';
import { optionsKey, resolveIndexOptions } from './index-options';
import { indexRepository } from './repository-indexer';

describe('indexRepository', () => {
  const repo = FixtureRepository.create({
    'src/a.ts': 'export const a = 1;\n',
    'src/b.ts': "import { a } from './a';\nexport const b = a + 1;\n",
  });
  const first = repo.commit('first');
  const cacheDirectory = mkdtempSync(join(tmpdir(), 'repo-intel-cache-'));
  afterAll(() => {
    repo.cleanup();
    rmSync(cacheDirectory, { recursive: true, force: true });
  });

  it('builds in full, then answers from the cache keyed by commit', async () => {
    const built = await indexRepository({ repo: repo.path, rev: 'main', cacheDirectory });
    expect(built.report).toMatchObject({ mode: 'full', commit: first, indexedFiles: 2, parsedFiles: 2 });
    const cached = await indexRepository({ repo: repo.path, rev: first.slice(0, 8), cacheDirectory });
    expect(cached.report.mode).toBe('cached');
    expect(cached.index).toEqual(built.index);
  });

  it('builds a child commit incrementally from its cached parent, equal to a full build', async () => {
    repo.write({ 'src/c.ts': "import { b } from './b';\nexport const c = b * 2;\n" });
    const second = repo.commit('second');
    const incremental = await indexRepository({ repo: repo.path, rev: second, cacheDirectory });
    expect(incremental.report).toMatchObject({ mode: 'incremental', baseCommit: first, analysedFiles: 1 });
    const full = await indexRepository({ repo: repo.path, rev: second, cacheDirectory: null });
    expect(full.report.mode).toBe('full');
    expect(incremental.index).toEqual(full.index);
  });

  it('rebuilds when a cache entry is corrupt instead of failing', async () => {
    const cache = new IndexCache(cacheDirectory);
    writeFileSync(cache.pathOf(first, optionsKey(resolveIndexOptions())), 'not gzip');
    const rebuilt = await indexRepository({ repo: repo.path, rev: first, cacheDirectory, full: true });
    expect(rebuilt.report.mode).toBe('full');
    expect((await indexRepository({ repo: repo.path, rev: first, cacheDirectory })).report.mode).toBe('cached');
  });

  it('leaves no temporary files behind in the cache', () => {
    const leftovers = readdirSync(cacheDirectory, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('names the mistake when the path is not a repository or the revision does not exist', async () => {
    const notRepo = mkdtempSync(join(tmpdir(), 'repo-intel-not-a-repo-'));
    try {
      await expect(indexRepository({ repo: notRepo, cacheDirectory: null })).rejects.toThrow(NotAGitRepositoryError);
    } finally {
      rmSync(notRepo, { recursive: true, force: true });
    }
    await expect(indexRepository({ repo: repo.path, rev: 'no-such-branch', cacheDirectory: null })).rejects.toThrow(
      UnknownRevisionError,
    );
    await expect(indexRepository({ repo: repo.path, rev: '--output=/tmp/x', cacheDirectory: null })).rejects.toThrow(
      '--output=/tmp/x is not a commit',
    );
  });
});
