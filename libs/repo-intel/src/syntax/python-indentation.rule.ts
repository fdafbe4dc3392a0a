import type { Node } from 'web-tree-sitter';
import type { SyntaxProblem } from './syntax-problem';
import { startsLine, statementsOf, type SyntaxRule } from './syntax-rule';

/**
 * tree-sitter-python accepts an empty block and statements at any indentation (its scanner
 * closes blocks but never rejects a dedent), so `def f():` followed by an unindented body, or a
 * line indented one space too far, parse cleanly. CPython refuses both with an IndentationError;
 * they are also the commonest way a text edit breaks a Python file, so they are checked here.
 */
export const pythonIndentationRule: SyntaxRule = {
  check(root, lines) {
    const problems: SyntaxProblem[] = [];
    for (const block of [root, ...root.descendantsOfType('block').filter((node): node is Node => node !== null)]) {
      const statements = statementsOf(block);
      if (block.type === 'block' && statements.length === 0) {
        problems.push({
          line: block.startPosition.row + 1,
          column: block.startPosition.column + 1,
          message: `expected an indented block after line ${(block.parent ?? block).startPosition.row + 1}`,
        });
        continue;
      }
      const leading = statements.filter((statement) =>
        startsLine(lines, statement.startPosition.row, statement.startPosition.column),
      );
      // A module's statements start at column 0; a block's at the column its first line uses.
      const expected = block.type === 'module' ? 0 : leading[0]?.startPosition.column;
      if (expected === undefined) continue;
      for (const statement of leading) {
        const { row, column } = statement.startPosition;
        if (column === expected) continue;
        // The grammar may already have closed the blocks a half-dedented line leaves, so whether it
        // is an indent or an unindent is read from the code line above, as CPython's tokenizer does.
        const dedented = column < expected || column < indentOfCodeLineBefore(lines, row);
        problems.push({
          line: row + 1,
          column: column + 1,
          message: dedented ? 'unindent does not match any outer indentation level' : 'unexpected indent',
        });
      }
    }
    return problems;
  },
};

/** Indentation of the nearest line above `row` that holds code (not blank, not only a comment). */
function indentOfCodeLineBefore(lines: readonly string[], row: number): number {
  for (let index = row - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    const code = line.trimStart();
    if (code !== '' && !code.startsWith('#')) return line.length - code.length;
  }
  return 0;
}
