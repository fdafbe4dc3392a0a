import { checkWriteSyntax, describeSyntaxProblem } from '@patchbay/repo-intel';

/** What the syntax gate decided about writing new content to one file. */
export type WriteSyntaxDecision =
  | { allowed: true; note: string | null }
  /** `reason` names the file, line and column, e.g. `src/a.ts would no longer parse: src/a.ts:3:7: missing ")"`. */
  | { allowed: false; reason: string };

/**
 * The one syntax gate every write of the coding tools passes (edit_file, create_file, apply_diff),
 * with repo-intel's tree-sitter grammars (TS, TSX, JS, JSON, Python, Go, Java): a write that makes a
 * file stop parsing, or creates a file that does not parse, is refused. A file that did not parse
 * before may still be changed (deliberately broken fixtures, syntax newer than a grammar), with a
 * note saying where it is broken. `before` is null for a file that does not exist yet.
 */
export async function gateWriteSyntax(
  path: string,
  before: string | null,
  after: string,
): Promise<WriteSyntaxDecision> {
  const verdict = await checkWriteSyntax(path, before, after);
  switch (verdict.kind) {
    case 'breaks':
      return {
        allowed: false,
        reason: `${path} ${verdict.newFile ? 'does not parse' : 'would no longer parse'}: ${describeSyntaxProblem(path, verdict.problem)}`,
      };
    case 'already-broken':
      return {
        allowed: true,
        note: `${path} still does not parse (${describeSyntaxProblem(path, verdict.after)}); it did not parse before this change either`,
      };
    case 'parses':
    case 'unchecked':
      return { allowed: true, note: null };
  }
}
