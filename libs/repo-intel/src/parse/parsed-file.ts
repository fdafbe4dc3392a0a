export type SymbolKind = 'class' | 'interface' | 'type' | 'enum' | 'function' | 'method' | 'variable' | 'namespace';

/** A definition in a file's outline. Lines are 1-based and inclusive. */
export interface OutlineSymbol {
  name: string;
  kind: SymbolKind;
  startLine: number;
  endLine: number;
  /** Part of the file's public surface (exported, public, capitalised in Go, top-level non-underscore in Python). */
  exported: boolean;
  /** Name of the enclosing class, interface or (Go) receiver type, if any. */
  container: string | null;
}

/** One import as written: the specifier is resolved to a file later, against the whole tree. */
export interface ImportRecord {
  /** Module specifier as written: './x', '@scope/pkg', 'a.b.c', '..pkg', 'example.com/mod/pkg'. */
  specifier: string;
  line: number;
  /** Names brought in (`import { a, b }`, `from m import a`), when the syntax names them. */
  names: string[];
}

export interface CallSite {
  name: string;
  line: number;
}

/** Everything the index keeps from parsing one file; a pure function of its path and content. */
export interface ParsedFile {
  symbols: OutlineSymbol[];
  imports: ImportRecord[];
  calls: CallSite[];
  /** Names the file exports by an export list or CommonJS assignment, besides exported symbols. */
  exportedNames: string[];
  /** Go package name or Java package, where the language declares one. */
  packageName: string | null;
  /** Text of comments and docstrings, kept as lower-cased, split term counts for retrieval. */
  commentTerms: Record<string, number>;
  /** Human-readable string literals (likely messages): an error text in a query matches them exactly. */
  messages: string[];
  /** Parts the file was parsed in (1 unless it exceeded the chunk size). */
  chunks: number;
  /** The parser met syntax it could not read; the outline may be partial. */
  hasSyntaxErrors: boolean;
}
