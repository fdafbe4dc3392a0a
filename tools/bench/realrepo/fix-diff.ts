/**
 * The upstream fix as the context-dependent stand-in model sees it: per file, the diff section to
 * apply and the line ranges of the base file each hunk replaces, so the model can tell whether it
 * has read the code it is about to change.
 */

export interface FixHunk {
  /** First line of the base file the hunk covers (1-based). */
  start: number;
  /** Last line of the base file the hunk covers; equal to `start` for a pure insertion. */
  end: number;
}

export interface FixFile {
  path: string;
  /** This file's part of the unified diff, `diff --git` header included: appliable on its own. */
  diff: string;
  hunks: FixHunk[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/;

/** Splits `git diff` output into its files; binary or rename-only sections have no hunks and are kept as such. */
export function splitFixDiff(diff: string): FixFile[] {
  const sections = diff.split(/^(?=diff --git )/m).filter((section) => section.startsWith('diff --git '));
  return sections.map((section) => {
    const path = /^diff --git a\/(.+?) b\//.exec(section)?.[1] ?? '';
    const hunks = section.split('\n').flatMap((line) => {
      const header = HUNK_HEADER.exec(line);
      if (!header) return [];
      const start = Number(header[1]);
      const length = header[2] === undefined ? 1 : Number(header[2]);
      // `-12,0` means "insert after line 12": reading line 12 is reading where it goes.
      return [{ start: Math.max(1, start), end: Math.max(1, start + Math.max(length, 1) - 1) }];
    });
    return { path, diff: section.endsWith('\n') ? section : `${section}\n`, hunks };
  });
}
