import { isJsonWithComments } from './json-with-comments';
import type { SyntaxProblem } from './syntax-problem';
import type { SyntaxRule } from './syntax-rule';
import { statementsOf } from './syntax-rule';

/**
 * What JSON.parse demands and tree-sitter-json does not: the file holds exactly one value, and no
 * comments unless its tools read it as JSONC (tsconfig.json and the like). A comment added to
 * package.json breaks npm.
 */
export const jsonDocumentRule: SyntaxRule = {
  check(root, _lines, path) {
    const problems: SyntaxProblem[] = [];
    const [first, extra] = statementsOf(root);
    if (!first) problems.push({ line: 1, column: 1, message: 'no JSON value (a JSON file holds one value)' });
    if (extra)
      problems.push({
        line: extra.startPosition.row + 1,
        column: extra.startPosition.column + 1,
        message: 'unexpected second JSON value (a JSON file holds one value)',
      });
    if (!isJsonWithComments(path)) {
      for (const comment of root.descendantsOfType('comment')) {
        if (comment)
          problems.push({
            line: comment.startPosition.row + 1,
            column: comment.startPosition.column + 1,
            message: 'comments are not allowed in JSON',
          });
      }
    }
    return problems;
  },
};
