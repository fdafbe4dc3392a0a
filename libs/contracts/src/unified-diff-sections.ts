/**
 * A unified diff (`git diff`) read as files and hunks, so the gateway can check that a question
 * names a file and lines the diff changes, and the supervisor can quote exactly those lines to
 * the model. Only the headers are interpreted; the text is kept as it was.
 */

export interface DiffHunkSection {
  /** The `@@ -a,b +c,d @@` line. */
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The hunk's body lines, each with its ` `, `+` or `-` prefix. */
  lines: string[];
}

export interface DiffFileSection {
  /** The new path (the old one for a deleted file). */
  path: string;
  /** The file's part of the diff, headers included. */
  text: string;
  hunks: DiffHunkSection[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function pathOf(lines: readonly string[]): string {
  const newPath = lines.find((line) => line.startsWith('+++ '))?.slice(4);
  const oldPath = lines.find((line) => line.startsWith('--- '))?.slice(4);
  const strip = (value: string) => value.replace(/^"|"$/g, '').replace(/^[ab]\//, '');
  if (newPath && newPath !== '/dev/null') return strip(newPath);
  if (oldPath && oldPath !== '/dev/null') return strip(oldPath);
  // A rename or mode change without content: `diff --git a/x b/y`.
  const header = /^diff --git a\/.* b\/(.*)$/.exec(lines[0] ?? '');
  return header?.[1] ?? '';
}

export function diffFileSections(diff: string): DiffFileSection[] {
  const sections: string[][] = [];
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ') || sections.length === 0) sections.push([]);
    sections[sections.length - 1]?.push(line);
  }
  return sections
    .filter((lines) => lines.some((line) => line.startsWith('diff --git ')))
    .map((lines) => {
      const hunks: DiffHunkSection[] = [];
      for (const line of lines) {
        const header = HUNK_HEADER.exec(line);
        if (header) {
          hunks.push({
            header: line,
            oldStart: Number(header[1]),
            oldLines: header[2] === undefined ? 1 : Number(header[2]),
            newStart: Number(header[3]),
            newLines: header[4] === undefined ? 1 : Number(header[4]),
            lines: [],
          });
        } else if (hunks.length > 0 && /^[ +\-\\]/.test(line)) {
          hunks[hunks.length - 1]?.lines.push(line);
        }
      }
      return { path: pathOf(lines), text: lines.join('\n').trimEnd(), hunks };
    });
}

/**
 * The lines of a file's hunks numbered `start`–`end`: added and unchanged lines by their new
 * number, removed lines by their old one (as the diff view shows them). Empty when the range
 * misses every hunk.
 */
export function selectDiffLines(section: DiffFileSection, range: { start: number; end: number }): string[] {
  const selected: string[] = [];
  const within = (line: number) => line >= range.start && line <= range.end;
  for (const hunk of section.hunks) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      if (line.startsWith('-')) {
        if (within(oldLine)) selected.push(line);
        oldLine++;
      } else if (line.startsWith('+')) {
        if (within(newLine)) selected.push(line);
        newLine++;
      } else {
        if (within(newLine)) selected.push(line);
        oldLine++;
        newLine++;
      }
    }
  }
  return selected;
}
