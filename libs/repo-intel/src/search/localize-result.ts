import type { SymbolKind } from '../parse/parsed-file';
import type { FileRole } from './search-corpus';

export interface LocalizedSymbol {
  name: string;
  kind: SymbolKind;
  container: string | null;
  startLine: number;
  endLine: number;
  /** Why this symbol was picked: shared terms, an exact mention, a stack frame inside it. */
  reason: string;
}

export interface LocalizedFile {
  path: string;
  role: FileRole;
  /** Relative score, comparable within one answer only. */
  score: number;
  /** Human-readable evidence, strongest first. */
  reasons: string[];
  symbols: LocalizedSymbol[];
}

export interface LocalizeAnswer {
  commit: string;
  k: number;
  files: LocalizedFile[];
}
