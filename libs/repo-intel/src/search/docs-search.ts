import { readBlobs } from '../git/blob-reader';
import type { RepoIndex } from '../index/repo-index';
import { addWordTerms, termsOfText } from '../terms/identifier-terms';
import { Bm25Field } from './bm25';
import { pathTerms } from './search-corpus';

/** A documentation file that matched, with the passage that matched best. */
export interface DocHit {
  path: string;
  score: number;
  excerpt: string;
}

/** Markdown, MDX, reStructuredText and AsciiDoc: the prose a repository documents itself in. */
const DOC_FILE = /\.(md|mdx|markdown|rst|adoc|txt)$/i;
const EXCERPT_CHARS = 1_200;
/** Paragraphs are scored one by one to pick the excerpt; beyond this a file's tail is not considered. */
const MAX_PARAGRAPHS = 400;

export function isDocumentationPath(path: string): boolean {
  return DOC_FILE.test(path);
}

/**
 * BM25 over the documentation files of an indexed commit, with the index's own terms (identifier
 * splitting, stemming) so a query meets docs the way localize() meets code. The path weighs
 * double: a file named after the topic usually is the page about it. Excerpts are read from the
 * object database (never a working tree): the paragraph sharing the most query terms. Paths the
 * caller excludes (a repository's `exclude` globs) are never ranked or read.
 */
export async function searchDocumentation(
  repo: string,
  index: RepoIndex,
  query: string,
  k = 5,
  isExcluded: (path: string) => boolean = () => false,
): Promise<DocHit[]> {
  const docs = index.files.filter(
    (file) =>
      !file.excluded && file.content?.words !== undefined && isDocumentationPath(file.path) && !isExcluded(file.path),
  );
  const terms = [...new Set(termsOfText(query))];
  if (docs.length === 0 || terms.length === 0) return [];
  const text = new Bm25Field();
  const path = new Bm25Field();
  const cache = new Map<string, string[]>();
  for (const file of docs) {
    const counts = new Map<string, number>();
    addWordTerms(file.content!.words!, counts, cache);
    text.add(counts);
    const pathCounts = new Map<string, number>();
    for (const term of pathTerms(file.path)) pathCounts.set(term, (pathCounts.get(term) ?? 0) + 1);
    path.add(pathCounts);
  }
  const scores = new Float64Array(docs.length);
  text.score(terms, scores);
  path.score(terms, scores, 2);
  const ranked = [...scores.keys()]
    .filter((id) => scores[id] > 0)
    .sort((a, b) => scores[b] - scores[a] || (docs[a].path < docs[b].path ? -1 : 1))
    .slice(0, k);
  const contents = new Map<string, string>();
  await readBlobs(
    repo,
    ranked.map((id) => docs[id].objectId),
    (objectId, content) => contents.set(objectId, content.toString('utf8')),
  );
  return ranked.map((id) => ({
    path: docs[id].path,
    score: Math.round(scores[id] * 1000) / 1000,
    excerpt: bestPassage(contents.get(docs[id].objectId) ?? '', terms),
  }));
}

/** The paragraph (blank-line separated) with the most distinct query terms, trimmed to the excerpt size. */
export function bestPassage(content: string, terms: readonly string[]): string {
  const wanted = new Set(terms);
  let best = '';
  let bestScore = -1;
  for (const paragraph of content.split(/\n\s*\n/).slice(0, MAX_PARAGRAPHS)) {
    const found = new Set(termsOfText(paragraph).filter((term) => wanted.has(term))).size;
    if (found > bestScore) {
      best = paragraph;
      bestScore = found;
    }
  }
  const trimmed = best.trim();
  return trimmed.length > EXCERPT_CHARS ? `${trimmed.slice(0, EXCERPT_CHARS)}…` : trimmed;
}
