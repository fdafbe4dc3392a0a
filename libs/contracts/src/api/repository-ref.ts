import { z } from 'zod';

const SEGMENT_MAX = 100;
const SEGMENT_CHARACTERS = /^[A-Za-z0-9_.-]+$/;

/**
 * Why `value` is not an `owner/name` repository reference, or null when it is one. Each segment
 * is a GitHub-like name; `.` and `..` are refused because a name that reads as a path step
 * (`../shared`) must never be able to mean a place on disk, wherever it ends up. An owner never
 * starts with a dot (GitHub refuses it); a name may (`.github`, `.dotfiles` are common), except
 * `.git`, which git itself treats as a repository's own directory.
 */
export function repositoryRefProblem(value: string): string | null {
  const segments = value.split('/');
  if (segments.length !== 2)
    return `repository must be "owner/name": exactly two names separated by one "/" (got ${segments.length - 1} "/")`;
  for (const [index, segment] of segments.entries()) {
    const part = index === 0 ? 'owner' : 'name';
    if (segment.length === 0) return `repository must be "owner/name": the ${part} is empty`;
    if (segment.length > SEGMENT_MAX)
      return `repository must be "owner/name": the ${part} is longer than ${SEGMENT_MAX} characters`;
    if (!SEGMENT_CHARACTERS.test(segment))
      return `repository must be "owner/name": the ${part} may contain only letters, digits, "-", "_" and "."`;
    if (segment === '.' || segment === '..')
      return `repository must be "owner/name": the ${part} cannot be "." or ".."`;
    if (part === 'owner' && segment.startsWith('.'))
      return 'repository must be "owner/name": the owner cannot start with "."';
    if (part === 'name' && segment.toLowerCase() === '.git')
      return 'repository must be "owner/name": the name cannot be ".git"';
  }
  return null;
}

/** `owner/name`, as GitHub spells repositories, or the name of a local forge repository. */
export const repositoryRefSchema = z
  .string({ error: 'repository must be a string like "owner/name"' })
  .superRefine((value, ctx) => {
    const problem = repositoryRefProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  // The same rule as a pattern, for the OpenAPI document.
  .meta({
    description:
      'owner/name: two names of letters, digits, "-", "_" and "."; the owner not starting with ".", the name not ".", ".." or ".git"',
    pattern: '^(?!\\.)[A-Za-z0-9_.-]{1,100}/(?!\\.{1,2}$)(?!\\.git$)[A-Za-z0-9_.-]{1,100}$',
  });
