import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * The first directory on the way from / to `target` that other users may not enter (no o+x), or
 * undefined. Directories that do not exist yet are skipped: whoever creates them sets their mode.
 * Used where a process running as root hands files to another user (the embedded PostgreSQL runs
 * as `postgres`), which needs to traverse every directory above them.
 */
export function firstDirectoryOthersCannotEnter(target: string): string | undefined {
  const chain: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  return chain.find((dir) => {
    try {
      const stats = statSync(dir);
      return stats.isDirectory() && (stats.mode & 0o001) === 0;
    } catch {
      return false;
    }
  });
}
