import type { Node, QueryMatch } from 'web-tree-sitter';
import type { ImportRecord } from '../parsed-file';
import { capture, lineOf, type LanguageSupport } from './language-support';

// Patterns shared by JavaScript and TypeScript. Function-valued variables come before plain
// variables: the extractor keeps the first pattern that matched a node.
const SHARED = `
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(method_definition name: (_) @name) @definition.method
(variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function
(program (lexical_declaration (variable_declarator name: (identifier) @name) @definition.variable))
(program (variable_declaration (variable_declarator name: (identifier) @name) @definition.variable))
(program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @name) @definition.variable)))

(import_statement source: (string (string_fragment) @source)) @import
(export_statement source: (string (string_fragment) @source)) @import
((call_expression function: (identifier) @_require arguments: (arguments . (string (string_fragment) @source))) @import (#eq? @_require "require"))
(call_expression function: (import) arguments: (arguments . (string (string_fragment) @source))) @import

(call_expression function: (identifier) @call)
(call_expression function: (member_expression property: (property_identifier) @call))
(new_expression constructor: (identifier) @call)
(new_expression constructor: (member_expression property: (property_identifier) @call))

(export_statement (export_clause (export_specifier name: (identifier) @export.name)))
(program (expression_statement (assignment_expression left: (member_expression)) @export.assignment))

(comment) @comment
(string (string_fragment) @string)
`;

const TYPESCRIPT = `
(class_declaration name: (type_identifier) @name) @definition.class
(abstract_class_declaration name: (type_identifier) @name) @definition.class
(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(internal_module name: (identifier) @name) @definition.namespace
(abstract_method_signature name: (_) @name) @definition.method
(public_field_definition name: (_) @name value: [(arrow_function) (function_expression)]) @definition.method
${SHARED}`;

const JAVASCRIPT = `
(class_declaration name: (identifier) @name) @definition.class
(field_definition property: (_) @name value: [(arrow_function) (function_expression)]) @definition.method
${SHARED}`;

/** JavaScript, TypeScript and TSX: one set of rules, the grammar-specific node names aside. */
export function ecmascriptSupport(dialect: 'typescript' | 'tsx' | 'javascript'): LanguageSupport {
  return {
    grammar: dialect,
    query: dialect === 'javascript' ? JAVASCRIPT : TYPESCRIPT,
    imports: importsOf,
    exportedNames: commonJsExports,
    isExported: (definition) => {
      // `export const a = …` puts the declarator two levels under the export statement.
      const parent = definition.parent;
      return parent?.type === 'export_statement' || parent?.parent?.type === 'export_statement';
    },
  };
}

/**
 * Names a top-level CommonJS assignment exports: `exports.a = …`, `module.exports.a = …`,
 * `module.exports = { a, b: … }`. Decided here rather than in the query, because the query
 * patterns for these shapes cost more to compile than the whole rest of the grammar's query.
 */
function commonJsExports(assignment: Node): string[] {
  const left = assignment.childForFieldName('left');
  const target = left?.text.replace(/\s+/g, '') ?? '';
  if (target === 'module.exports') {
    const right = assignment.childForFieldName('right');
    if (right?.type !== 'object') return [];
    return right.namedChildren.flatMap((property) => {
      if (property?.type === 'shorthand_property_identifier') return [property.text];
      const key = property?.type === 'pair' ? property.childForFieldName('key') : null;
      return key?.type === 'property_identifier' ? [key.text] : [];
    });
  }
  const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
  return named ? [named[1]] : [];
}

function importsOf(match: QueryMatch): ImportRecord[] {
  const node = capture(match, 'import');
  const source = capture(match, 'source');
  if (!node || !source) return [];
  return [{ specifier: source.text, line: lineOf(node), names: importedNames(node) }];
}

/** The names an import brings in, as the exporting module calls them (aliases undone). */
function importedNames(node: Node): string[] {
  const names: string[] = [];
  if (node.type === 'import_statement' || node.type === 'export_statement') {
    for (const child of node.namedChildren) {
      if (child?.type === 'import_clause') {
        for (const part of child.namedChildren) {
          if (part?.type === 'identifier') names.push(part.text);
          else if (part?.type === 'named_imports')
            for (const spec of part.namedChildren) pushSpecifierName(spec, names);
        }
      } else if (child?.type === 'export_clause') {
        for (const spec of child.namedChildren) pushSpecifierName(spec, names);
      }
    }
  } else if (node.parent?.type === 'variable_declarator') {
    // const { a, b: c } = require('./x')
    const pattern = node.parent.childForFieldName('name');
    if (pattern?.type === 'object_pattern') {
      for (const part of pattern.namedChildren) {
        if (part?.type === 'shorthand_property_identifier_pattern') names.push(part.text);
        else if (part?.type === 'pair_pattern') {
          const key = part.childForFieldName('key');
          if (key) names.push(key.text);
        }
      }
    }
  }
  return names;
}

function pushSpecifierName(spec: Node | null, names: string[]): void {
  const name = spec?.childForFieldName('name');
  if (name) names.push(name.text);
}
