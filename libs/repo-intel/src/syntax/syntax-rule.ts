import type { Node } from 'web-tree-sitter';
import type { SyntaxProblem } from './syntax-problem';

/**
 * A check for syntax a grammar accepts although the language does not (tree-sitter grammars are
 * error-tolerant by design): Python's indentation, JSX tag pairs, JSON's single value.
 */
export interface SyntaxRule {
  check(root: Node, lines: readonly string[], path: string): SyntaxProblem[];
}

/** Whether only whitespace precedes `column` (0-based) on `row` (0-based): the node starts its line. */
export function startsLine(lines: readonly string[], row: number, column: number): boolean {
  return (lines[row] ?? '').slice(0, column).trim() === '';
}

/** The named children of a node, with comments left out (they may sit at any indentation). */
export function statementsOf(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}
