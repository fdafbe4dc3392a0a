/**
 * Compiles the list API's ignore globs: `*` stays within a path segment, `**` crosses segments, `?`
 * is one character. A pattern without a slash matches any segment (like .gitignore), so `dist`
 * hides every `dist` directory and everything under it.
 */
export function compileIgnoreGlobs(patterns: string[]): (relativePath: string) => boolean {
  const matchers = patterns
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern.length > 0)
    .map((pattern) => {
      const anchored = pattern.includes('/') && !pattern.startsWith('**/');
      const body = globToRegExpSource(pattern.replace(/^\/+|\/+$/g, ''));
      return new RegExp(anchored ? `^${body}(/.*)?$` : `(^|/)${body}(/.*)?$`);
    });
  return (relativePath) => matchers.some((matcher) => matcher.test(relativePath));
}

function globToRegExpSource(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        source += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return source;
}
