import { selectSnapshotPaths } from './snapshot-paths';

const z = (...entries: string[]) => entries.map((entry) => `${entry}\0`).join('');

describe('selectSnapshotPaths', () => {
  it('keeps what the install added, ignored or untracked', () => {
    expect(selectSnapshotPaths(z('!! node_modules/', '?? package-lock.json', '!! .venv/'), ['package.json'])).toEqual({
      paths: ['.venv/', 'node_modules/', 'package-lock.json'],
    });
  });

  it('keeps a manifest the install rewrote, since the key covers its contents', () => {
    expect(selectSnapshotPaths(z(' M package-lock.json', '!! node_modules/'), ['package-lock.json'])).toEqual({
      paths: ['node_modules/', 'package-lock.json'],
    });
  });

  it('refuses when the install changed a tracked file the key does not cover', () => {
    expect(selectSnapshotPaths(z(' M dist/index.js', '!! node_modules/'), ['package.json'])).toEqual({
      unsafe: 'the install changed a tracked file that is not a manifest (dist/index.js)',
    });
  });

  it('refuses deletions and renames of tracked files', () => {
    expect(selectSnapshotPaths(z(' D src/a.js'), [])).toEqual({
      unsafe: 'the install deleted a tracked file (src/a.js)',
    });
    expect(selectSnapshotPaths(z('R  b.js', 'a.js'), [])).toHaveProperty('unsafe');
  });

  it('never takes anything under .git', () => {
    expect(selectSnapshotPaths(z('?? .git/config'), [])).toHaveProperty('unsafe');
  });

  it('has nothing to keep for a clean workspace', () => {
    expect(selectSnapshotPaths('', [])).toEqual({ paths: [] });
  });
});
