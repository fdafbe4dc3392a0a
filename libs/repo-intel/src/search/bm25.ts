/**
 * Okapi BM25 over one field of a document collection, stored as postings so a query touches
 * only the documents that contain its terms. k1 and b are the usual defaults (Robertson et al.;
 * Lucene's too).
 */
export class Bm25Field {
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly lengths: number[] = [];
  private totalLength = 0;

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  /** Adds the next document (ids are consecutive from 0) with its term counts. */
  add(termCounts: ReadonlyMap<string, number>): void {
    const id = this.lengths.length;
    let length = 0;
    for (const [term, count] of termCounts) {
      length += count;
      const list = this.postings.get(term);
      if (list) list.push([id, count]);
      else this.postings.set(term, [[id, count]]);
    }
    this.lengths.push(length);
    this.totalLength += length;
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** Inverse document frequency, Lucene's non-negative variant. */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.lengths.length - df + 0.5) / (df + 0.5));
  }

  /** Adds `weight × BM25(doc, terms)` into `scores` for every document containing a term. */
  score(terms: readonly string[], scores: Float64Array, weight = 1): void {
    const average = this.totalLength / Math.max(1, this.lengths.length) || 1;
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const [id, tf] of list) {
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[id]) / average);
        scores[id] = scores[id] + (weight * idf * (tf * (this.k1 + 1))) / norm;
      }
    }
  }

  /** Whether a document contains a term; used to explain a hit. */
  has(term: string, id: number): boolean {
    const list = this.postings.get(term);
    if (!list) return false;
    // Postings are in id order, so a binary search finds the document.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = list[mid][0];
      if (at === id) return true;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
