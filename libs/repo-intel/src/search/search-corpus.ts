import { isCodeLanguage } from '../files/language';
import { isTestFile } from '../graph/test-pairing';
import type { IndexedFile, RepoIndex } from '../index/repo-index';
import { commentTermCounts } from '../parse/parsed-file';
import { addWordTerms, termsOfWord } from '../terms/identifier-terms';
import { Bm25Field } from './bm25';

/** What a file is to a task: code it may have to change, a test of that code, or anything else. */
export type FileRole = 'source' | 'test' | 'other';

export interface CorpusDocument {
  path: string;
  file: IndexedFile;
  role: FileRole;
}

/**
 * The lexical side of retrieval: every indexed text file as a document with four BM25 fields —
 * its path, the names it defines, its comments and docstrings, and all identifiers and words of
 * its text — each split into identifier parts and stemmed (see identifier-terms).
 */
export class SearchCorpus {
  readonly documents: CorpusDocument[] = [];
  readonly idOf = new Map<string, number>();
  readonly path = new Bm25Field();
  readonly symbols = new Bm25Field();
  readonly comments = new Bm25Field();
  readonly code = new Bm25Field();

  constructor(index: RepoIndex) {
    const cache = new Map<string, string[]>();
    for (const file of index.files) {
      if (file.excluded || file.content?.words === undefined) continue;
      this.idOf.set(file.path, this.documents.length);
      this.documents.push({ path: file.path, file, role: roleOf(file) });
      this.path.add(counts(pathTerms(file.path)));
      const parsed = file.content.parsed;
      const symbolTerms = parsed
        ? [...parsed.symbols.map((s) => s.name), ...parsed.exportedNames].flatMap((name) => termsOfWord(name))
        : [];
      this.symbols.add(counts(symbolTerms));
      this.comments.add(parsed ? commentTermCounts(parsed) : new Map());
      const code = new Map<string, number>();
      addWordTerms(file.content.words, code, cache);
      this.code.add(code);
    }
  }
}

export function roleOf(file: IndexedFile): FileRole {
  if (isTestFile(file.path)) return 'test';
  return isCodeLanguage(file.language) ? 'source' : 'other';
}

/** Terms of a path: every directory and the file name, split like identifiers. */
export function pathTerms(path: string): string[] {
  return path.split(/[/.]/).flatMap((segment) => termsOfWord(segment));
}

function counts(terms: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const term of terms) map.set(term, (map.get(term) ?? 0) + 1);
  return map;
}
