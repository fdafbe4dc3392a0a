import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { FixtureRepository } from '../testing/fixture-repository';
import { readBlobs } from './blob-reader';
import { listTree, resolveCommit } from './commit-tree';

describe('git objects', () => {
  const big = Buffer.alloc(300_000, 'a');
  const binary = Buffer.from([0, 1, 2, 10, 255, 10]);
  const repo = FixtureRepository.create({
    'a.txt': 'alpha\n',
    'big.txt': big,
    'bin.dat': binary,
    'tools/run.sh': '#!/bin/sh\n',
  }).symlink('link.txt', 'a.txt');
  chmodSync(join(repo.path, 'tools/run.sh'), 0o755);
  const commit = repo.commit('objects');
  afterAll(() => repo.cleanup());

  it('lists the tree with kinds from git modes and blob sizes', async () => {
    const entries = await listTree(repo.path, await resolveCommit(repo.path, 'HEAD'));
    expect(entries.map((e) => [e.path, e.kind, e.size])).toEqual([
      ['a.txt', 'file', 6],
      ['big.txt', 'file', 300_000],
      ['bin.dat', 'file', 6],
      ['link.txt', 'symlink', 5],
      ['tools/run.sh', 'executable', 10],
    ]);
  });

  it('streams blobs byte for byte in request order, including large and binary ones', async () => {
    const entries = await listTree(repo.path, commit);
    const ids = entries.map((e) => e.objectId);
    const seen: Array<[string, Buffer]> = [];
    await readBlobs(repo.path, [...ids, ids[0]], (id, content) => seen.push([id, content]));
    expect(seen.map(([id]) => id)).toEqual([...ids, ids[0]]);
    expect(seen[1][1].equals(big)).toBe(true);
    expect(seen[2][1].equals(binary)).toBe(true);
    // A symlink's blob is the link target as text; reading it never opens the target.
    expect(seen[3][1].toString()).toBe('a.txt');
  });

  it('fails with a clear error for a missing object', async () => {
    await expect(readBlobs(repo.path, ['0'.repeat(40)], () => undefined)).rejects.toThrow(
      `object ${'0'.repeat(40)} is missing from the repository`,
    );
  });
});
