import { syntaxErrors } from './syntax-errors';
import type { SyntaxProblem } from './syntax-problem';

/** What the syntax gate says about writing new content to a file. */
export type WriteSyntaxVerdict =
  /** No grammar checks this file's language. */
  | { kind: 'unchecked' }
  | { kind: 'parses' }
  /** The write would break a file that parsed (or create one that does not): refuse it. */
  | { kind: 'breaks'; problem: SyntaxProblem; newFile: boolean }
  /**
   * The file did not parse before the write either. Repositories hold deliberately broken
   * fixtures and files in syntax newer than the grammar, so such a write is allowed; the caller
   * should say so.
   */
  | { kind: 'already-broken'; before: SyntaxProblem; after: SyntaxProblem };

/**
 * The rule every write path of an agent follows: a write may not introduce a parse error into a
 * file that had none, and a new file must parse. `before` is null for a file that does not exist.
 */
export async function checkWriteSyntax(
  path: string,
  before: string | null,
  after: string,
): Promise<WriteSyntaxVerdict> {
  const afterProblems = await syntaxErrors(path, after);
  if (afterProblems === null) return { kind: 'unchecked' };
  const [problem] = afterProblems;
  if (!problem) return { kind: 'parses' };
  if (before === null) return { kind: 'breaks', problem, newFile: true };
  // Parsed only when needed: most writes parse, and then the old content does not matter.
  const [beforeProblem] = (await syntaxErrors(path, before)) ?? [];
  return beforeProblem
    ? { kind: 'already-broken', before: beforeProblem, after: problem }
    : { kind: 'breaks', problem, newFile: false };
}
