/** A glob of the kind users write in `avoidFiles` (`secrets/**`, `*.lock`, `src/config.ts`) as a RegExp. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      pattern += '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches the name at any depth, as in .gitignore.
  return new RegExp(glob.includes('/') ? `^${pattern}$` : `(^|/)${pattern}$`);
}

export function normalisePath(path: string): string {
  return path
    .replace(/^\.\/+/, '')
    .replace(/\/+/g, '/')
    .replace(/\/$/, '');
}

/**
 * The task's constraints on which files may change. Refusals come back to the model as tool
 * errors, so it can choose another way instead of the run failing. A developer may narrow the
 * rules while the round runs (`narrow`); nothing widens them.
 */
export class ChangeBudget {
  private readonly avoid: RegExp[];
  readonly changed = new Set<string>();

  constructor(
    avoidFiles: string[] = [],
    private maxFilesChanged?: number,
  ) {
    this.avoid = avoidFiles.map(globToRegExp);
  }

  /**
   * Applies a constraint added mid-flight: its files are refused from now on, and the limit on
   * changed files becomes the lower of the two. Files already changed still count against it.
   */
  narrow(rules: { avoidFiles?: string[]; maxFilesChanged?: number }): void {
    this.avoid.push(...(rules.avoidFiles ?? []).map(globToRegExp));
    if (rules.maxFilesChanged !== undefined)
      this.maxFilesChanged = Math.min(rules.maxFilesChanged, this.maxFilesChanged ?? rules.maxFilesChanged);
  }

  /** Returns why a change to `path` is not allowed, or null. */
  refusal(path: string): string | null {
    const file = normalisePath(path);
    if (this.avoid.some((rule) => rule.test(file))) return `${file} is on the task's list of files to avoid`;
    if (this.maxFilesChanged !== undefined && !this.changed.has(file) && this.changed.size >= this.maxFilesChanged) {
      return `the task allows at most ${this.maxFilesChanged} changed files (${[...this.changed].join(', ')})`;
    }
    return null;
  }

  record(path: string): void {
    this.changed.add(normalisePath(path));
  }
}
