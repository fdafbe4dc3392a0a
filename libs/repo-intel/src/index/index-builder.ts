import { contentFacts } from '../files/content-facts';
import { GitAttributes, isAttributesFile } from '../files/git-attributes';
import { IgnoreRules, isIgnoreFile } from '../files/ignore-rules';
import { isParsedLanguage, languageOf, type Language, type ParsedLanguage } from '../files/language';
import { exclusionByPath, type ExclusionReason } from '../files/path-exclusion';
import { BlobReader } from '../git/blob-reader';
import { listTree, type TreeEntry } from '../git/commit-tree';
import { linkFiles } from '../graph/link-files';
import { isResolverConfigFile, readRepositoryConfig } from '../graph/repository-config';
import { grammarFor, type LoadedGrammar } from '../parse/grammar-registry';
import { extractOutline } from '../parse/outline-extractor';
import { encodeCounts } from '../terms/count-table';
import { countWords } from '../terms/identifier-terms';
import { optionsKey, type IndexOptions } from './index-options';
import {
  INDEX_FORMAT_VERSION,
  type FileContentRecord,
  type IndexBuildReport,
  type IndexedFile,
  type RepoIndex,
} from './repo-index';

/**
 * Builds the index of one commit from git objects. With `previous` (the index of another
 * commit, normally the parent) only blobs that are new at their path are read and parsed;
 * everything else is reused, and the cross-file links are recomputed (see linkFiles). Because a
 * file's record depends only on its path, its blob and the options, the result is identical to a
 * full build — the incremental specs check exactly that.
 */
export async function buildIndex(
  repo: string,
  commit: string,
  options: IndexOptions,
  previous: RepoIndex | null | Promise<RepoIndex | null> = null,
): Promise<{ index: RepoIndex; report: IndexBuildReport }> {
  const started = performance.now();
  const reader = new BlobReader(repo);
  try {
    return await build(reader, commit, options, previous, started);
  } finally {
    reader.close();
  }
}

async function build(
  reader: BlobReader,
  commit: string,
  options: IndexOptions,
  previousIndex: RepoIndex | null | Promise<RepoIndex | null>,
  started: number,
): Promise<{ index: RepoIndex; report: IndexBuildReport }> {
  const [entries, candidate] = await Promise.all([listTree(reader.repo, commit), previousIndex]);
  // Records built with other options (size limits, excludes) are not reusable.
  const previous = candidate && candidate.optionsKey === optionsKey(options) ? candidate : null;
  const reusable = previous ? reusableRecords(previous) : new Map<string, FileContentRecord>();
  // Grammars load while git reads the configuration blobs. A language whose files all turn out
  // to be excluded costs one needless grammar load (tens of milliseconds, once per process).
  const grammars = loadGrammars(
    entries.filter((e) => !reusable.has(reuseKey(e.path, e.objectId))).map((e) => languageOf(e.path)),
  );
  // Awaited below; until then a failure must not surface as an unhandled rejection.
  grammars.catch(() => undefined);

  const configEntries = entries.filter(
    (e) => isRegular(e) && (isIgnoreFile(e.path) || isAttributesFile(e.path) || isResolverConfigFile(e.path)),
  );
  const configTexts = new Map<string, string>();
  const configById = new Map<string, string[]>();
  for (const entry of configEntries)
    configById.set(entry.objectId, [...(configById.get(entry.objectId) ?? []), entry.path]);
  await reader.read([...configById.keys()], (id, content) => {
    for (const path of configById.get(id) ?? []) configTexts.set(path, content.toString('utf8'));
  });
  const textsOf = (predicate: (path: string) => boolean) =>
    [...configTexts].filter(([path]) => predicate(path)).map(([path, content]) => ({ path, content }));
  const ignore = new IgnoreRules(textsOf(isIgnoreFile), options.excludes);
  const attributes = new GitAttributes(textsOf(isAttributesFile));

  const files: IndexedFile[] = entries.map((entry) => ({
    path: entry.path,
    kind: entry.kind,
    objectId: entry.objectId,
    size: entry.size,
    language: languageOf(entry.path),
    excluded: exclusionBeforeReading(entry, ignore, attributes, options),
  }));

  // Blobs to analyse: included files without a reusable record. One blob may sit at several paths.
  const pending = new Map<string, IndexedFile[]>();
  for (const file of files) {
    if (file.excluded) continue;
    const record = reusable.get(reuseKey(file.path, file.objectId));
    if (record) {
      file.content = record;
      file.excluded = record.exclusion;
    } else {
      pending.set(file.objectId, [...(pending.get(file.objectId) ?? []), file]);
    }
  }
  const loaded = await grammars;
  let analysedFiles = 0;
  await reader.read([...pending.keys()], (id, blob) => {
    for (const file of pending.get(id) ?? []) {
      file.content = analyse(file, blob, options, loaded);
      file.excluded = file.content.exclusion;
      analysedFiles++;
    }
  });

  const { importTargets, testsOf } = linkFiles(
    files,
    readRepositoryConfig(new Map(textsOf(isResolverConfigFile).map((f) => [f.path, f.content]))),
    previous,
  );
  const index: RepoIndex = {
    formatVersion: INDEX_FORMAT_VERSION,
    optionsKey: optionsKey(options),
    commit,
    files,
    importTargets,
    testsOf,
  };
  const indexed = files.filter((f) => !f.excluded);
  return {
    index,
    report: {
      commit,
      mode: previous ? 'incremental' : 'full',
      baseCommit: previous?.commit ?? null,
      files: files.length,
      indexedFiles: indexed.length,
      parsedFiles: indexed.filter((f) => f.content?.parsed).length,
      analysedFiles,
      indexedLines: indexed.reduce((sum, f) => sum + (f.content?.lines ?? 0), 0),
      durationMs: performance.now() - started,
    },
  };
}

function isRegular(entry: TreeEntry): boolean {
  return entry.kind === 'file' || entry.kind === 'executable';
}

function exclusionBeforeReading(
  entry: TreeEntry,
  ignore: IgnoreRules,
  attributes: GitAttributes,
  options: IndexOptions,
): ExclusionReason | null {
  // A symlink's blob is its target path; reading it as a file would follow the link in spirit.
  if (entry.kind === 'symlink') return 'symlink';
  if (entry.kind === 'submodule') return 'submodule';
  if (ignore.ignores(entry.path)) return 'ignored';
  const mark = attributes.markOf(entry.path);
  if (mark) return mark;
  const byPath = exclusionByPath(entry.path);
  if (byPath) return byPath;
  return entry.size > options.maxFileBytes ? 'too-large' : null;
}

function analyse(
  file: IndexedFile,
  blob: Buffer,
  options: IndexOptions,
  grammars: ReadonlyMap<ParsedLanguage, LoadedGrammar>,
): FileContentRecord {
  const { text, ...facts } = contentFacts(blob, options.maxFileBytes);
  if (facts.exclusion || text === null) return { lines: facts.lines, exclusion: facts.exclusion ?? 'binary' };
  const record: FileContentRecord = { lines: facts.lines, exclusion: null, words: encodeCounts(countWords(text)) };
  const grammar = isParsedLanguage(file.language) ? grammars.get(file.language) : undefined;
  if (grammar) record.parsed = extractOutline(grammar, text, options.chunkChars);
  return record;
}

async function loadGrammars(
  languagesOfFiles: ReadonlyArray<Language | null>,
): Promise<Map<ParsedLanguage, LoadedGrammar>> {
  const languages = [...new Set(languagesOfFiles.filter(isParsedLanguage))].sort();
  const loaded = new Map<ParsedLanguage, LoadedGrammar>();
  for (const language of languages) loaded.set(language, await grammarFor(language));
  return loaded;
}

function reuseKey(path: string, objectId: string): string {
  return `${objectId}\0${path}`;
}

function reusableRecords(previous: RepoIndex): Map<string, FileContentRecord> {
  const records = new Map<string, FileContentRecord>();
  for (const file of previous.files) if (file.content) records.set(reuseKey(file.path, file.objectId), file.content);
  return records;
}
