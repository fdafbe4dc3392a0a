import { posix } from 'node:path';

export const WORKSPACE_ROOT = '/workspace';

export class WorkspacePathError extends Error {}

/**
 * Turns a caller-supplied path into a normalised absolute path under /workspace, refusing anything
 * that could name a file outside it lexically: `..` segments (even ones that would stay inside —
 * callers never need them and allowing them invites confusion), absolute paths elsewhere, NUL bytes
 * and control characters. Symlinks are checked separately, inside the container, with
 * {@link isInsideWorkspace} on the `realpath` result.
 */
export function toWorkspacePath(input: string): string {
  if (input.length === 0) throw new WorkspacePathError('path must not be empty');
  if ([...input].some((char) => char.charCodeAt(0) < 0x20))
    throw new WorkspacePathError('path must not contain control characters');
  const segments = input.split('/');
  if (segments.includes('..')) throw new WorkspacePathError(`path "${input}" must not contain ".." segments`);
  if (input.startsWith('/')) {
    if (!isInsideWorkspace(posix.normalize(input))) {
      throw new WorkspacePathError(`path "${input}" is outside ${WORKSPACE_ROOT}`);
    }
    return stripTrailingSlash(posix.normalize(input));
  }
  return stripTrailingSlash(posix.join(WORKSPACE_ROOT, input));
}

export function isInsideWorkspace(absolutePath: string): boolean {
  return absolutePath === WORKSPACE_ROOT || absolutePath.startsWith(`${WORKSPACE_ROOT}/`);
}

/** The path as agents see it: relative to the workspace root, `.` for the root itself. */
export function toRelativeWorkspacePath(absolutePath: string): string {
  return absolutePath === WORKSPACE_ROOT ? '.' : absolutePath.slice(WORKSPACE_ROOT.length + 1);
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
