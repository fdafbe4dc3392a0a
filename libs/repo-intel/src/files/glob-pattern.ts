/**
 * One pattern line of a `.gitignore`-style file, compiled to a regular expression with git's
 * rules: a pattern with a slash before its end is anchored to the file's directory, one without
 * matches at any depth; a trailing slash matches directories only; `*` and `?` never cross `/`,
 * `**` does.
 */
export interface GlobPattern {
  /** Directory of the file that holds the pattern, '' for the repository root, else 'a/b/'. */
  base: string;
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
}

/** Parses one line; returns null for blank lines and comments. */
export function compileGlobLine(line: string, base: string): GlobPattern | null {
  let text = line.replace(/\r$/, '');
  // Trailing spaces are ignored unless escaped with a backslash.
  text = text.replace(/(?<!\\)\s+$/, '');
  if (text === '' || text.startsWith('#')) return null;
  let negated = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) {
    text = text.slice(1);
  }
  let directoryOnly = false;
  if (text.endsWith('/')) {
    directoryOnly = true;
    text = text.slice(0, -1);
  }
  if (text === '') return null;
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  const body = globToRegexSource(text);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { base, regex, negated, directoryOnly };
}

/** Compiles a whole pattern file. */
export function compileGlobFile(content: string, base: string): GlobPattern[] {
  return content.split('\n').flatMap((line) => compileGlobLine(line, base) ?? []);
}

/** Whether a pattern applies to a path (relative to the repository root). */
export function globMatches(pattern: GlobPattern, path: string, isDirectory: boolean): boolean {
  if (pattern.directoryOnly && !isDirectory) return false;
  if (!path.startsWith(pattern.base)) return false;
  return pattern.regex.test(path.slice(pattern.base.length));
}

function globToRegexSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length;
        if (atStart && glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else if (atStart && atEnd) {
          out += '.*';
          i += 1;
        } else {
          out += '[^/]*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
      } else {
        let set = glob.slice(i + 1, close);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        out += `[${set.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[++i]);
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.+^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}
