import type { Node, QueryMatch } from 'web-tree-sitter';
import type { ImportRecord } from '../parsed-file';
import { capture, lineOf, type LanguageSupport } from './language-support';

const QUERY = `
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method

(import_declaration) @import

(method_invocation name: (identifier) @call)
(object_creation_expression type: (type_identifier) @call)
(object_creation_expression type: (generic_type (type_identifier) @call))

(line_comment) @comment
(block_comment) @comment
(string_literal) @string
(package_declaration [(scoped_identifier) (identifier)] @package)
`;

export const javaSupport: LanguageSupport = {
  grammar: 'java',
  query: QUERY,
  membersDecideVisibility: true,
  imports(match: QueryMatch): ImportRecord[] {
    const node = capture(match, 'import');
    if (!node) return [];
    const path = node.namedChildren.find(
      (child) => child?.type === 'scoped_identifier' || child?.type === 'identifier',
    );
    if (!path) return [];
    const wildcard = node.namedChildren.some((child) => child?.type === 'asterisk');
    const isStatic = node.children.some((child) => child?.type === 'static');
    // `import static a.B.member` brings in a member of class a.B; the file is a/B.java.
    const specifier = isStatic && !wildcard ? path.text.slice(0, path.text.lastIndexOf('.')) : path.text;
    const names = wildcard ? [] : [path.text.slice(path.text.lastIndexOf('.') + 1)];
    return [{ specifier: wildcard ? `${specifier}.*` : specifier, line: lineOf(node), names }];
  },
  isExported: (definition: Node) => {
    const modifiers = definition.namedChildren.find((child) => child?.type === 'modifiers');
    return modifiers ? /\bpublic\b/.test(modifiers.text) : false;
  },
};
