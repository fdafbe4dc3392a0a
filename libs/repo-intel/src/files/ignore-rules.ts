import { compileGlobFile, globMatches, type GlobPattern } from './glob-pattern';

/**
 * Files whose patterns exclude tracked files from the index. `.gitignore` is honoured because a
 * tracked file that matches it was usually committed by accident (a build output, a local env);
 * `.patchbayignore` (same syntax) lets a repository exclude more without touching its git rules.
 */
export const IGNORE_FILE_NAMES = ['.gitignore', '.patchbayignore'] as const;

export function isIgnoreFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (IGNORE_FILE_NAMES as readonly string[]).includes(name);
}

/**
 * The exclusion rules of one commit, with git's precedence: deeper files override shallower
 * ones, later lines override earlier ones, and nothing inside an excluded directory can be
 * re-included.
 */
export class IgnoreRules {
  private readonly patterns: GlobPattern[];
  private readonly directoryVerdicts = new Map<string, boolean>();

  /** @param files ignore-file path → content, at the commit being indexed. */
  constructor(files: ReadonlyArray<{ path: string; content: string }>, extraPatterns: readonly string[] = []) {
    const ordered = [...files].sort(
      (a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    this.patterns = [
      ...compileGlobFile(extraPatterns.join('\n'), ''),
      ...ordered.flatMap((file) => compileGlobFile(file.content, file.path.slice(0, file.path.lastIndexOf('/') + 1))),
    ];
  }

  /** Whether a tracked file is excluded, either itself or through one of its directories. */
  ignores(path: string): boolean {
    if (this.patterns.length === 0) return false;
    let slash = path.indexOf('/');
    while (slash >= 0) {
      if (this.directoryIgnored(path.slice(0, slash))) return true;
      slash = path.indexOf('/', slash + 1);
    }
    return this.verdict(path, false);
  }

  private directoryIgnored(directory: string): boolean {
    let verdict = this.directoryVerdicts.get(directory);
    if (verdict === undefined) {
      verdict = this.verdict(directory, true);
      this.directoryVerdicts.set(directory, verdict);
    }
    return verdict;
  }

  private verdict(path: string, isDirectory: boolean): boolean {
    for (let i = this.patterns.length - 1; i >= 0; i--) {
      const pattern = this.patterns[i];
      if (globMatches(pattern, path, isDirectory)) return !pattern.negated;
    }
    return false;
  }
}

function depth(path: string): number {
  return path.split('/').length;
}
