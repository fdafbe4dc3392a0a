import type { Node } from 'web-tree-sitter';
import type { SyntaxProblem } from './syntax-problem';

const SHORT_TEXT = 40;

/**
 * The ERROR and MISSING nodes of a tree in document order, as problems. The walk only descends
 * into subtrees that contain an error, so a clean file costs one flag read. `tolerated` lets a
 * caller accept an error the language dialect allows (a trailing comma in tsconfig.json).
 */
export function parseErrorProblems(root: Node, tolerated: (node: Node) => boolean = () => false): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing || node.isError) {
      if (!tolerated(node)) problems.push(problemAt(node));
      // An ERROR node's children are the tokens it skipped; reporting them again adds nothing.
      return;
    }
    for (const child of node.children) {
      if (child && (child.hasError || child.isMissing)) visit(child);
    }
  };
  if (root.hasError) visit(root);
  return problems;
}

function problemAt(node: Node): SyntaxProblem {
  const line = node.startPosition.row + 1;
  const column = node.startPosition.column + 1;
  if (node.isMissing)
    return {
      line,
      column,
      message: `missing ${node.isNamed ? node.type.replace(/_/g, ' ') : JSON.stringify(node.type)}`,
    };
  const text = node.text;
  if (!text.includes('\n') && text.length <= SHORT_TEXT)
    return { line, column, message: `unexpected ${JSON.stringify(text)}` };
  const firstLine = text.split('\n', 1)[0].trimEnd();
  const start = firstLine.length > SHORT_TEXT ? `${firstLine.slice(0, SHORT_TEXT)}…` : firstLine;
  return {
    line,
    column,
    message: `cannot parse the code from ${JSON.stringify(start)} through line ${node.endPosition.row + 1}`,
  };
}
