import type { Node, QueryMatch } from 'web-tree-sitter';
import type { ImportRecord } from '../parsed-file';

/**
 * What the outline extractor needs to know about one language. Most of it is a tree-sitter
 * query whose capture names say what each node is:
 *  - `@definition.<kind>` with `@name`: a symbol of that kind (see SymbolKind);
 *  - `@import` with `@source`: an import, turned into records by `imports()`;
 *  - `@call`: the name at a call site; `@comment`: comment or docstring text;
 *  - `@string`: a string literal; `@package`: the declared package; `@export.name`: a name in an
 *    export list; `@export.assignment`: an assignment that may export names (CommonJS).
 * The few facts a query cannot state (is a symbol exported? what does an import bring in?) are
 * answered in code.
 */
export interface LanguageSupport {
  /** File name stem of the grammar in tree-sitter-wasms: `tree-sitter-<grammar>.wasm`. */
  grammar: string;
  query: string;
  imports(match: QueryMatch): ImportRecord[];
  /** Names exported by an `@export.assignment` capture (CommonJS), where the language has one. */
  exportedNames?(assignment: Node): string[];
  /** Whether a top-level definition is part of the file's public surface. */
  isExported(definition: Node, name: string): boolean;
  /** Members carry their own visibility (Java modifiers, Go capitalisation) instead of their class's. */
  membersDecideVisibility?: boolean;
  /** The type a method belongs to when the syntax says it outside the type (Go receivers). */
  receiverOf?(definition: Node): string | null;
}

export function capture(match: QueryMatch, name: string): Node | null {
  for (const c of match.captures) if (c.name === name) return c.node;
  return null;
}

export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}
