import { summariseSource } from '@patchbay/repo-intel';

const STRUCTURE_LINE =
  /^\s*(def |class |import |from \S+ import |func |type |package |public |private |protected |fn |struct |impl |module |interface |enum )/;

/**
 * The outline get_file_summary shows for a file's current content: repo-intel's tree-sitter
 * summary (symbols with line ranges, members, imports) for TS, TSX, JS, Python, Go and Java;
 * for other languages the lines that usually carry structure, with their numbers.
 */
export async function fileOutline(path: string, content: string): Promise<string> {
  const summary = await summariseSource(path, content);
  if (summary) return summary.text;
  return (
    content
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => STRUCTURE_LINE.test(line))
      .map(({ line, index }) => `${index + 1}: ${line.trimEnd()}`)
      .join('\n') || '(no recognisable declarations)'
  );
}
