/**
 * The path patterns `.patchbay.yml` accepts (`exclude`, `plan.avoid`), matched against
 * repository-relative POSIX paths with .gitignore-like rules:
 *
 * - `*` matches within one path segment, `?` one character of a segment, `**` any number of
 *   whole segments (`**` must be a segment on its own: `src/**` and `**\/*.snap`, not `a**`);
 * - a pattern without a `/` (other than a trailing one) matches at any depth: `*.min.js`,
 *   `node_modules`;
 * - a pattern that matches a directory matches everything beneath it: `dist` or `dist/`;
 * - every other character is literal, so `pages/[id].tsx` names the Next.js file itself.
 *
 * Negation (`!pattern`), braces and character classes are not supported; `validatePathGlob`
 * says so instead of matching something the author did not mean.
 */

export const MAX_PATH_GLOB_LENGTH = 500;

/** Why a pattern cannot be used, or undefined when it is valid. */
export function validatePathGlob(glob: string): string | undefined {
  if (glob.trim() === '') return 'must not be empty';
  if (glob !== glob.trim()) return 'must not start or end with whitespace';
  if (glob.length > MAX_PATH_GLOB_LENGTH) return `must be at most ${MAX_PATH_GLOB_LENGTH} characters`;
  if (glob.startsWith('!')) return 'negated patterns ("!…") are not supported; list only what to exclude';
  if (glob.includes('\\')) return 'must use "/" as the path separator';
  if (glob.startsWith('/')) return 'must be relative to the repository root (no leading "/")';
  const segments = stripTrailingSlash(stripDotSlash(glob)).split('/');
  if (segments.some((segment) => segment === '..')) return 'must stay inside the repository (no ".." segment)';
  if (segments.some((segment) => segment === '')) return 'must not contain an empty path segment ("//")';
  if (segments.some((segment) => segment.includes('**') && segment !== '**'))
    return '"**" must be a whole path segment, e.g. "src/**" or "**/*.snap"';
  return undefined;
}

/** A predicate that tells whether a repository-relative path matches any of the patterns. */
export function createPathMatcher(globs: readonly string[]): (path: string) => boolean {
  const expressions = globs.map(compilePathGlob);
  return (path) => {
    const normalised = normaliseRepositoryPath(path);
    return expressions.some((expression) => expression.test(normalised));
  };
}

/** Whether a repository-relative path matches one pattern. */
export function matchesPathGlob(path: string, glob: string): boolean {
  return compilePathGlob(glob).test(normaliseRepositoryPath(path));
}

/** `./src\\a.ts` → `src/a.ts`: the form patterns are matched against. */
export function normaliseRepositoryPath(path: string): string {
  return stripTrailingSlash(stripDotSlash(path.replace(/\\/g, '/')));
}

/** Compiles a pattern; throws when `validatePathGlob` rejects it. */
export function compilePathGlob(glob: string): RegExp {
  const problem = validatePathGlob(glob);
  if (problem) throw new Error(`Invalid path pattern ${JSON.stringify(glob)}: ${problem}`);
  const pattern = stripTrailingSlash(stripDotSlash(glob));
  // Without a slash the pattern names an entry at any depth, as in .gitignore.
  const anchored = pattern.includes('/') ? pattern : `**/${pattern}`;
  return new RegExp(`^${translate(anchored)}(?:/.*)?$`);
}

function translate(glob: string): string {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index];
    if (char === '*' && glob[index + 1] === '*') {
      if (glob[index + 2] === '/') {
        source += '(?:[^/]+/)*';
        index += 2;
      } else {
        source += '.*';
        index += 1;
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return source;
}

function stripDotSlash(path: string): string {
  let result = path;
  while (result.startsWith('./')) result = result.slice(2);
  return result;
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}
