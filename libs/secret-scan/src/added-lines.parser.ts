/** A line the diff adds, with its 1-based number in the new version of the file. */
export interface AddedLine {
  readonly line: number;
  readonly text: string;
}

/** Every line one file gains in the diff, in diff order. */
export interface FileAdditions {
  readonly path: string;
  readonly lines: AddedLine[];
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const NO_NEWLINE_MARKER = '\\';
const DEV_NULL = '/dev/null';

interface HunkCursor {
  newLine: number;
  oldRemaining: number;
  newRemaining: number;
}

/**
 * Collects the added lines of a unified (git) diff per file. Hunk bodies are read by the line
 * counts in their headers rather than by prefix alone, so a removed line whose text starts with
 * `++` or a context line that looks like a header is never mistaken for one. Files the diff
 * deletes, binary patches and lines outside hunks contribute nothing: only what the commit would
 * add can leak a secret.
 */
export function parseAddedLines(unifiedDiff: string): FileAdditions[] {
  const files = new Map<string, FileAdditions>();
  let gitHeaderPath: string | undefined;
  let current: FileAdditions | undefined;
  let hunk: HunkCursor | undefined;

  const fileFor = (path: string): FileAdditions => {
    let entry = files.get(path);
    if (!entry) {
      entry = { path, lines: [] };
      files.set(path, entry);
    }
    return entry;
  };

  for (const rawLine of unifiedDiff.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;

    if (hunk && (hunk.oldRemaining > 0 || hunk.newRemaining > 0)) {
      if (consumeHunkLine(line, hunk, current)) continue;
      // A line that is no hunk line ends a truncated hunk; it is read as a header below.
      hunk = undefined;
    }

    if (line.startsWith('diff --git ')) {
      gitHeaderPath = pathFromGitHeader(line);
      current = undefined;
    } else if (line.startsWith('+++ ')) {
      const path = parseHeaderPath(line.slice(4));
      current = path === DEV_NULL ? undefined : fileFor(path);
    } else {
      const header = HUNK_HEADER.exec(line);
      if (header) {
        // Git omits a count of 1; a hunk without a `+++` line still belongs to the file named by
        // `diff --git`, so its additions are never dropped for want of a path.
        current ??= fileFor(gitHeaderPath ?? '(unknown file)');
        hunk = {
          newLine: Number(header[2]),
          oldRemaining: header[1] === undefined ? 1 : Number(header[1]),
          newRemaining: header[3] === undefined ? 1 : Number(header[3]),
        };
      }
    }
  }

  return [...files.values()].filter((file) => file.lines.length > 0);
}

/** Returns false when the line cannot belong to a hunk body. */
function consumeHunkLine(line: string, hunk: HunkCursor, file: FileAdditions | undefined): boolean {
  const marker = line.charAt(0);
  if (marker === '+') {
    file?.lines.push({ line: hunk.newLine, text: line.slice(1) });
    hunk.newLine += 1;
    hunk.newRemaining -= 1;
  } else if (marker === '-') {
    hunk.oldRemaining -= 1;
  } else if (marker === ' ' || line === '') {
    // Some tools strip the trailing space of an empty context line; it still counts on both sides.
    hunk.newLine += 1;
    hunk.oldRemaining -= 1;
    hunk.newRemaining -= 1;
  } else if (marker !== NO_NEWLINE_MARKER) {
    return false;
  }
  return true;
}

/** `+++ b/src/a.ts`, `+++ "b/caf\303\251.ts"`, or a non-git `+++ path<TAB>timestamp`. */
function parseHeaderPath(raw: string): string {
  const path = raw.startsWith('"') ? unquoteGitPath(raw) : raw.split('\t')[0];
  if (path === DEV_NULL) return path;
  return path.startsWith('b/') ? path.slice(2) : path;
}

/** Fallback only: `diff --git a/x b/x` is ambiguous when paths contain ` b/`, so the last one wins. */
function pathFromGitHeader(line: string): string | undefined {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const quotedNew = rest.lastIndexOf(' "');
    return quotedNew > 0 ? parseHeaderPath(rest.slice(quotedNew + 1)) : undefined;
  }
  const index = rest.lastIndexOf(' b/');
  return index >= 0 ? rest.slice(index + 3) : undefined;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git quotes paths with special bytes C-style, non-ASCII as octal UTF-8 bytes. */
function unquoteGitPath(quoted: string): string {
  const characters = Array.from(quoted.slice(1));
  const bytes: number[] = [];
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index];
    if (character === '"') break;
    if (character !== '\\' || index + 1 >= characters.length) {
      bytes.push(...Buffer.from(character, 'utf8'));
      continue;
    }
    const octal = characters.slice(index + 1, index + 4).join('');
    if (/^[0-7]{3}$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      index += 3;
    } else {
      const escaped = characters[index + 1];
      bytes.push(...(C_ESCAPES[escaped] === undefined ? Buffer.from(escaped, 'utf8') : [C_ESCAPES[escaped]]));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
