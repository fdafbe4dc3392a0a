import { compileGlobLine, globMatches, type GlobPattern } from './glob-pattern';

/**
 * The `.gitattributes` settings that mark files as generated or vendored — the linguist
 * attributes GitHub already honours, so a repository that hides generated code from its diffs
 * hides it from the index too without extra configuration.
 */
export type LinguistMark = 'generated' | 'vendored';

interface AttributeRule {
  pattern: GlobPattern;
  mark: LinguistMark;
  set: boolean;
}

export class GitAttributes {
  private readonly rules: AttributeRule[] = [];

  constructor(files: ReadonlyArray<{ path: string; content: string }>) {
    const ordered = [...files].sort(
      (a, b) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    for (const file of ordered) {
      const base = file.path.slice(0, file.path.lastIndexOf('/') + 1);
      for (const line of file.content.split('\n')) {
        const [glob, ...attributes] = line.trim().split(/\s+/);
        if (!glob || glob.startsWith('#') || attributes.length === 0) continue;
        const pattern = compileGlobLine(glob, base);
        if (!pattern) continue;
        for (const attribute of attributes) {
          const parsed = /^(-|!)?linguist-(generated|vendored)(?:=(true|false))?$/.exec(attribute);
          if (!parsed) continue;
          const mark: LinguistMark = parsed[2] === 'generated' ? 'generated' : 'vendored';
          this.rules.push({ pattern, mark, set: parsed[1] === undefined && parsed[3] !== 'false' });
        }
      }
    }
  }

  /** The mark of a file, the last matching rule winning as in git. */
  markOf(path: string): LinguistMark | null {
    const verdicts = new Map<LinguistMark, boolean>();
    for (const rule of this.rules) if (globMatches(rule.pattern, path, false)) verdicts.set(rule.mark, rule.set);
    if (verdicts.get('generated')) return 'generated';
    if (verdicts.get('vendored')) return 'vendored';
    return null;
  }
}

export function isAttributesFile(path: string): boolean {
  return path === '.gitattributes' || path.endsWith('/.gitattributes');
}
