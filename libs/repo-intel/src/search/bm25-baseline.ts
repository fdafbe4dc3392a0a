import { forEachCount } from '../terms/count-table';
import { Bm25Field } from './bm25';
import type { SearchCorpus } from './search-corpus';

// English stopwords only: the baseline is BM25 as a text search engine would run it on code,
// with none of the code-aware steps (identifier splitting, stemming, fields, mentions, graph).
const ENGLISH_STOPWORDS = new Set(
  'a an and are as at be but by for from has have if in into is it its no not of on or such that the their then there these they this to was were will with'.split(
    ' ',
  ),
);

/**
 * Plain BM25 over each file's path and text, lower-cased whole words, one field. It is the
 * reference the benchmark compares localize() against, built from the same documents.
 */
export class Bm25Baseline {
  private readonly field = new Bm25Field();

  constructor(private readonly corpus: SearchCorpus) {
    for (const doc of corpus.documents) {
      const counts = new Map<string, number>();
      for (const word of plainWords(doc.path)) counts.set(word, (counts.get(word) ?? 0) + 1);
      forEachCount(doc.file.content?.words ?? '', (word, count) => {
        const lower = word.toLowerCase();
        if (!ENGLISH_STOPWORDS.has(lower)) counts.set(lower, (counts.get(lower) ?? 0) + count);
      });
      this.field.add(counts);
    }
  }

  rank(query: string, k: number): string[] {
    const scores = new Float64Array(this.corpus.documents.length);
    this.field.score([...new Set(plainWords(query))], scores);
    const documents = this.corpus.documents;
    return [...scores.keys()]
      .filter((id) => scores[id] > 0)
      .sort((a, b) => scores[b] - scores[a] || (documents[a].path < documents[b].path ? -1 : 1))
      .slice(0, k)
      .map((id) => documents[id].path);
  }
}

function plainWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []).filter((w) => w.length > 1 && !ENGLISH_STOPWORDS.has(w));
}
