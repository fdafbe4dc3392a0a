import { createHash } from 'node:crypto';
import { INDEX_FORMAT_VERSION } from './repo-index';

export interface IndexOptions {
  /** Files larger than this are excluded as `too-large` (default 2 MiB). */
  maxFileBytes: number;
  /** Files larger than this are parsed in pieces (default 256 KiB of text). */
  chunkChars: number;
  /** Extra `.gitignore`-style patterns, applied before the repository's own files. */
  excludes: string[];
}

export const DEFAULT_INDEX_OPTIONS: IndexOptions = {
  maxFileBytes: 2 * 1024 * 1024,
  chunkChars: 256 * 1024,
  excludes: [],
};

export function resolveIndexOptions(partial: Partial<IndexOptions> = {}): IndexOptions {
  return {
    maxFileBytes: partial.maxFileBytes ?? DEFAULT_INDEX_OPTIONS.maxFileBytes,
    chunkChars: partial.chunkChars ?? DEFAULT_INDEX_OPTIONS.chunkChars,
    excludes: [...(partial.excludes ?? DEFAULT_INDEX_OPTIONS.excludes)],
  };
}

/** Identifies the options (and format version) an index was built with. */
export function optionsKey(options: IndexOptions): string {
  const canonical = JSON.stringify([INDEX_FORMAT_VERSION, options.maxFileBytes, options.chunkChars, options.excludes]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}
