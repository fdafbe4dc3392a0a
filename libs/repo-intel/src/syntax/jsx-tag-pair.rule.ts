import type { Node } from 'web-tree-sitter';
import type { SyntaxProblem } from './syntax-problem';
import type { SyntaxRule } from './syntax-rule';

/**
 * The JavaScript and TSX grammars pair a JSX closing tag with any opening tag, so `<div>…</span>`
 * parses; TypeScript and Babel refuse it.
 */
export const jsxTagPairRule: SyntaxRule = {
  check(root) {
    const problems: SyntaxProblem[] = [];
    for (const element of root.descendantsOfType('jsx_element')) {
      if (!element) continue;
      const opening = tagName(element.childForFieldName('open_tag'));
      const closingTag = element.childForFieldName('close_tag');
      const closing = tagName(closingTag);
      if (!closingTag || closingTag.isMissing || opening === closing) continue;
      problems.push({
        line: closingTag.startPosition.row + 1,
        column: closingTag.startPosition.column + 1,
        message: `closing tag </${closing}> does not match the opening tag <${opening}>`,
      });
    }
    return problems;
  },
};

/** A tag's name as written (`div`, `Foo.Bar`), or '' for a fragment. */
function tagName(tag: Node | null): string {
  return tag?.childForFieldName('name')?.text ?? '';
}
