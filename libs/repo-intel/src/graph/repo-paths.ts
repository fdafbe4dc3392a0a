/** Path helpers for repository-relative, slash-separated paths (never the host's file system). */

export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins and normalises `a/b` + `../c` → `a/c`; returns null when the result leaves the repository. */
export function joinPath(directory: string, relative: string): string | null {
  const parts = directory === '' ? [] : directory.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

/** Whether `directory` is `path`'s directory or one of its ancestors ('' is the root). */
export function isWithin(path: string, directory: string): boolean {
  return directory === '' || path.startsWith(`${directory}/`);
}
