/** Retrieval quality over a set of cases, each a ranked list of paths against its gold files. */
export interface LocalizationMetrics {
  cases: number;
  /** Share of cases whose first result is a gold file. */
  accAt1: number;
  /** Mean share of each case's gold files found in the first 5 / 10 results. */
  recallAt5: number;
  recallAt10: number;
  /** Share of cases with every gold file in the first 10 results. */
  allGoldInTop10: number;
}

export function localizationMetrics(
  results: ReadonlyArray<{ ranked: readonly string[]; gold: readonly string[] }>,
): LocalizationMetrics {
  const n = results.length;
  if (n === 0) return { cases: 0, accAt1: 0, recallAt5: 0, recallAt10: 0, allGoldInTop10: 0 };
  const recall = (ranked: readonly string[], gold: readonly string[], k: number) =>
    gold.filter((g) => ranked.slice(0, k).includes(g)).length / gold.length;
  let acc = 0;
  let r5 = 0;
  let r10 = 0;
  let all = 0;
  for (const { ranked, gold } of results) {
    if (ranked[0] !== undefined && gold.includes(ranked[0])) acc++;
    r5 += recall(ranked, gold, 5);
    const at10 = recall(ranked, gold, 10);
    r10 += at10;
    if (at10 === 1) all++;
  }
  return { cases: n, accAt1: acc / n, recallAt5: r5 / n, recallAt10: r10 / n, allGoldInTop10: all / n };
}

/** The q-quantile (0..1) of a sample, nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
