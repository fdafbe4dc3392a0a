/** One file a unified diff changes. `from` is null for a file it creates, `to` for one it deletes. */
export interface DiffFileChange {
  from: string | null;
  to: string | null;
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/**
 * The files a unified diff (git's, or `diff -u`'s) changes, named as `git apply` will resolve them:
 * its default -p1 drops the first path component (`a/`, `b/`), and git's C-style quoting is undone.
 * Renames, copies, new and deleted files come from git's extended header lines. Hunk bodies are
 * skipped by their line counts, so a removed line that reads `-- x` is never taken for a header.
 */
export function diffFileChanges(diff: string): DiffFileChange[] {
  const changes: DiffFileChange[] = [];
  let current: DiffFileChange | null = null;
  // Header lines (---, rename to, …) belong to the current file until its first hunk.
  let inHeader = false;
  let sawOldName = false;
  const lines = diff.split('\n').map((line) => line.replace(/\r$/, ''));
  const startFile = (change: DiffFileChange): DiffFileChange => {
    changes.push(change);
    inHeader = true;
    sawOldName = false;
    return change;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const hunk = HUNK_HEADER.exec(line);
    if (hunk) {
      inHeader = false;
      index = endOfHunk(lines, index, Number(hunk[1] ?? 1), Number(hunk[2] ?? 1));
      continue;
    }
    if (line.startsWith('diff --git ')) {
      current = startFile(gitHeaderNames(line.slice('diff --git '.length)));
      continue;
    }
    if (line.startsWith('--- ')) {
      // Without a `diff --git` line (diff -u output), the old-name line starts the next file.
      if (!current || !inHeader || sawOldName) current = startFile({ from: null, to: null });
      current.from = patchPath(line.slice(4));
      sawOldName = true;
      continue;
    }
    if (!current || !inHeader) continue;
    if (line.startsWith('+++ ')) current.to = patchPath(line.slice(4));
    else if (/^(rename|copy) from /.test(line)) current.from = unquote(line.slice(line.indexOf(' from ') + 6));
    else if (/^(rename|copy) to /.test(line)) current.to = unquote(line.slice(line.indexOf(' to ') + 4));
    else if (line.startsWith('new file mode ')) current.from = null;
    else if (line.startsWith('deleted file mode ')) current.to = null;
  }
  return changes.filter((change) => change.from !== null || change.to !== null);
}

/** The index of a hunk's last line: its body holds `oldLines` old and `newLines` new lines. */
function endOfHunk(lines: readonly string[], header: number, oldLines: number, newLines: number): number {
  let index = header;
  let oldLeft = oldLines;
  let newLeft = newLines;
  while ((oldLeft > 0 || newLeft > 0) && index + 1 < lines.length) {
    const body = lines[++index];
    if (body.startsWith('-')) oldLeft--;
    else if (body.startsWith('+')) newLeft--;
    // "\ No newline at end of file" belongs to the line before it.
    else if (!body.startsWith('\\')) {
      oldLeft--;
      newLeft--;
    }
  }
  // The marker can also follow a hunk's last line.
  while (lines[index + 1]?.startsWith('\\')) index++;
  return index;
}

/**
 * The names of `diff --git a/x b/y`. Unquoted names with spaces are ambiguous; git resolves the
 * common case, a file that keeps its name, by splitting the line in the middle, as here. A rename's
 * names come again on its `rename from`/`rename to` lines, which replace these.
 */
function gitHeaderNames(names: string): DiffFileChange {
  if (names.startsWith('"')) {
    const end = closingQuote(names);
    return {
      from: stripComponent(unquote(names.slice(0, end + 1))),
      to: stripComponent(unquote(names.slice(end + 1).trim())),
    };
  }
  const middle = (names.length - 1) / 2;
  if (Number.isInteger(middle) && names[middle] === ' ') {
    const from = stripComponent(names.slice(0, middle));
    const to = stripComponent(names.slice(middle + 1));
    if (from === to) return { from, to };
  }
  const space = names.indexOf(' ');
  if (space === -1) return { from: stripComponent(names), to: stripComponent(names) };
  return { from: stripComponent(unquote(names.slice(0, space))), to: stripComponent(unquote(names.slice(space + 1))) };
}

/** A name on a `---`/`+++` line: up to a tab (timestamps of diff -u, git's marker after a name with spaces). */
function patchPath(rest: string): string | null {
  const name = rest.startsWith('"') ? unquote(rest.slice(0, closingQuote(rest) + 1)) : rest.split('\t', 1)[0].trimEnd();
  return name === '/dev/null' ? null : stripComponent(name);
}

function stripComponent(name: string): string {
  const slash = name.indexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}

function closingQuote(text: string): number {
  for (let index = 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index;
  }
  return text.length - 1;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting of a name (`"a/caf\303\251.txt"`); an unquoted name is returned as is. */
function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"') || name.length < 2) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  let index = 0;
  while (index < body.length) {
    const backslash = body.indexOf('\\', index);
    bytes.push(...Buffer.from(body.slice(index, backslash === -1 ? body.length : backslash), 'utf8'));
    if (backslash === -1) break;
    const octal = /^[0-7]{3}/.exec(body.slice(backslash + 1, backslash + 4));
    const escaped = body[backslash + 1] ?? '';
    if (octal) bytes.push(parseInt(octal[0], 8));
    else if (escaped) bytes.push(ESCAPES[escaped] ?? escaped.charCodeAt(0));
    index = backslash + (octal ? 4 : 2);
  }
  return Buffer.from(bytes).toString('utf8');
}
