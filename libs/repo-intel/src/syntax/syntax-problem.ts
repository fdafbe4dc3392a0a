/**
 * A place where a file does not parse. Lines and columns are 1-based; columns count UTF-16 code
 * units, the way JavaScript strings and most editors' column indicators do.
 */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** `path:line:column: message`, the shape compilers print and editors jump to. */
export function describeSyntaxProblem(path: string, problem: SyntaxProblem): string {
  return `${path}:${problem.line}:${problem.column}: ${problem.message}`;
}

export function compareSyntaxProblems(a: SyntaxProblem, b: SyntaxProblem): number {
  return a.line - b.line || a.column - b.column;
}
