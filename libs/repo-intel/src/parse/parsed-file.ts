import { decodeCounts, type CountTable } from '../terms/count-table';

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
  /** Call sites as `name line` pairs (see callSites()); kept compact because files have many. */
  calls: CountTable;
  /** Names the file exports by an export list or CommonJS assignment, besides exported symbols. */
  exportedNames: string[];
  /** Go package name or Java package, where the language declares one. */
  packageName: string | null;
  /** Terms of comments and docstrings (lower-cased, split, stemmed) with their counts. */
  commentTerms: CountTable;
  /** Human-readable string literals (likely messages): an error text in a query matches them exactly. */
  messages: string[];
  /** Parts the file was parsed in (1 unless it exceeded the chunk size). */
  chunks: number;
  /** The parser met syntax it could not read; the outline may be partial. */
  hasSyntaxErrors: boolean;
}

/** The call sites of a parsed file, in source order. */
export function callSites(parsed: ParsedFile): CallSite[] {
  return [...decodeCountsInOrder(parsed.calls)].map(([name, line]) => ({ name, line }));
}

function decodeCountsInOrder(table: CountTable): Array<[string, number]> {
  // Names repeat across lines, so this cannot go through a Map keyed by name.
  const parts = table === '' ? [] : table.split(' ');
  const pairs: Array<[string, number]> = [];
  for (let i = 0; i + 1 < parts.length; i += 2) pairs.push([parts[i], Number(parts[i + 1])]);
  return pairs;
}

/** Comment terms of a parsed file with their counts. */
export function commentTermCounts(parsed: ParsedFile): Map<string, number> {
  return decodeCounts(parsed.commentTerms);
}
