import type { Node, QueryMatch } from 'web-tree-sitter';
import type { ImportRecord } from '../parsed-file';
import { capture, lineOf, type LanguageSupport } from './language-support';

const QUERY = `
(function_declaration name: (identifier) @name) @definition.function
(method_declaration name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name type: (struct_type)) @definition.class
(type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface
(type_spec name: (type_identifier) @name) @definition.type
(source_file (const_declaration (const_spec name: (identifier) @name) @definition.variable))
(source_file (var_declaration (var_spec name: (identifier) @name) @definition.variable))

(import_spec path: (interpreted_string_literal) @source) @import

(call_expression function: (identifier) @call)
(call_expression function: (selector_expression field: (field_identifier) @call))

(comment) @comment
(interpreted_string_literal) @string
(package_clause (package_identifier) @package)
`;

export const goSupport: LanguageSupport = {
  grammar: 'go',
  query: QUERY,
  membersDecideVisibility: true,
  imports(match: QueryMatch): ImportRecord[] {
    const node = capture(match, 'import');
    const source = capture(match, 'source');
    if (!node || !source) return [];
    return [{ specifier: source.text.slice(1, -1), line: lineOf(node), names: [] }];
  },
  // Go exports exactly the identifiers that start with an upper-case letter.
  isExported: (_definition: Node, name: string) => /^\p{Lu}/u.test(name),
  receiverOf(definition: Node): string | null {
    if (definition.type !== 'method_declaration') return null;
    const receiver = definition.childForFieldName('receiver');
    const type = receiver?.descendantsOfType('type_identifier')[0];
    return type?.text ?? null;
  },
};
