export type DiffLineKind = 'add' | 'del' | 'context' | 'hunk' | 'meta';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  oldNumber?: number;
  newNumber?: number;
}

export interface DiffFile {
  path: string;
  additions: number;
  deletions: number;
  lines: DiffLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Splits a unified (git) diff into files with +/- counts and numbered lines. */
export function parseUnifiedDiff(diff: string): DiffFile[] {
  const files: DiffFile[] = [];
  let current: DiffFile | null = null;
  let oldLine = 0;
  let newLine = 0;
  for (const text of diff.replace(/\r\n/g, '\n').split('\n')) {
    if (text.startsWith('diff --git ')) {
      const match = / b\/(.+)$/.exec(text);
      current = { path: match?.[1] ?? text.slice('diff --git '.length), additions: 0, deletions: 0, lines: [{ kind: 'meta', text }] };
      files.push(current);
      continue;
    }
    if (!current) {
      if (text.startsWith('--- ') || text.startsWith('+++ ')) {
        current = { path: '', additions: 0, deletions: 0, lines: [] };
        files.push(current);
      } else continue;
    }
    const hunk = HUNK.exec(text);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      current.lines.push({ kind: 'hunk', text });
    } else if (text.startsWith('+++ ')) {
      const path = text.slice(4).replace(/^b\//, '');
      if (!current.path && path !== '/dev/null') current.path = path;
      current.lines.push({ kind: 'meta', text });
    } else if (text.startsWith('--- ')) {
      const path = text.slice(4).replace(/^a\//, '');
      if (!current.path && path !== '/dev/null') current.path = path;
      current.lines.push({ kind: 'meta', text });
    } else if (text.startsWith('+')) {
      current.additions += 1;
      current.lines.push({ kind: 'add', text: text.slice(1), newNumber: newLine++ });
    } else if (text.startsWith('-')) {
      current.deletions += 1;
      current.lines.push({ kind: 'del', text: text.slice(1), oldNumber: oldLine++ });
    } else if (text.startsWith(' ')) {
      current.lines.push({ kind: 'context', text: text.slice(1), oldNumber: oldLine++, newNumber: newLine++ });
    } else if (text.length > 0) {
      current.lines.push({ kind: 'meta', text });
    }
  }
  return files;
}
