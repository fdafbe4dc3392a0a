import type { ExclusionReason } from '../files/path-exclusion';
import type { Language } from '../files/language';
import type { TreeEntryKind } from '../git/commit-tree';
import type { ParsedFile } from '../parse/parsed-file';
import type { CountTable } from '../terms/count-table';

/**
 * Bumped whenever what the index stores, or how it is computed, changes: a cached index of
 * another version is never read, so an upgrade cannot mix old and new results.
 */
export const INDEX_FORMAT_VERSION = 1;

/**
 * What the index learned from one blob. A pure function of path, content and options, which is
 * what makes incremental indexing exact: a record is reused only for the same path and blob.
 */
export interface FileContentRecord {
  lines: number;
  /** Content-based exclusion (binary, minified, generated header, too large). */
  exclusion: ExclusionReason | null;
  /** Word counts of the whole text, case kept (identifiers, comments, strings). */
  words?: CountTable;
  parsed?: ParsedFile;
}

export interface IndexedFile {
  path: string;
  kind: TreeEntryKind;
  objectId: string;
  size: number;
  language: Language | null;
  /** Why the file is not indexed, or null when it is. */
  excluded: ExclusionReason | null;
  /** Present when the blob was read: never for symlinks, submodules or path-excluded files. */
  content?: FileContentRecord;
}

export interface RepoIndex {
  formatVersion: number;
  /** Digest of the options that change the index; part of the cache key. */
  optionsKey: string;
  commit: string;
  /** Every entry of the commit's tree, sorted by path, including excluded ones with their reason. */
  files: IndexedFile[];
  /** Per file, per import (same order as `content.parsed.imports`): the files it resolves to. */
  importTargets: Record<string, string[][]>;
  /** Test file → the source files it tests. */
  testsOf: Record<string, string[]>;
}

/** How an index was obtained, for logs and the benchmark; not part of the index itself. */
export interface IndexBuildReport {
  commit: string;
  mode: 'cached' | 'full' | 'incremental';
  /** The commit whose index was reused, for incremental builds. */
  baseCommit: string | null;
  files: number;
  indexedFiles: number;
  parsedFiles: number;
  /** Blobs read from git and analysed in this build (all of them for a full build). */
  analysedFiles: number;
  indexedLines: number;
  durationMs: number;
}
