import type { Node, QueryMatch } from 'web-tree-sitter';
import type { ImportRecord } from '../parsed-file';
import { capture, lineOf, type LanguageSupport } from './language-support';

const QUERY = `
(class_definition name: (identifier) @name) @definition.class
(function_definition name: (identifier) @name) @definition.function
(module (expression_statement (assignment left: (identifier) @name) @definition.variable))

(import_statement) @import
(import_from_statement) @import

(call function: (identifier) @call)
(call function: (attribute attribute: (identifier) @call))

(comment) @comment
(module . (expression_statement (string) @comment))
(block . (expression_statement (string) @comment))
(string) @string
`;

export const pythonSupport: LanguageSupport = {
  grammar: 'python',
  query: QUERY,
  imports(match: QueryMatch): ImportRecord[] {
    const node = capture(match, 'import');
    if (!node) return [];
    const line = lineOf(node);
    if (node.type === 'import_statement') {
      // import a.b, c as d: one record per module.
      return node.childrenForFieldName('name').flatMap((name) => {
        const module = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
        return module ? [{ specifier: module.text, line, names: [] }] : [];
      });
    }
    const module = node.childForFieldName('module_name');
    if (!module) return [];
    const names = node.childrenForFieldName('name').flatMap((name) => {
      const imported = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
      return imported ? [imported.text] : [];
    });
    return [{ specifier: module.text.replace(/\s+/g, ''), line, names }];
  },
  // Python has no export keyword; by convention a leading underscore marks a private name.
  isExported: (definition: Node, name: string) => !name.startsWith('_') && isTopLevel(definition),
};

function isTopLevel(definition: Node): boolean {
  let parent = definition.parent;
  if (parent?.type === 'decorated_definition') parent = parent.parent;
  if (parent?.type === 'expression_statement') parent = parent.parent;
  return parent?.type === 'module';
}
