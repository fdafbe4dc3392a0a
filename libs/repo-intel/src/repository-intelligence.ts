import { RepoGraph } from './graph/repo-graph';
import type { IndexBuildReport, RepoIndex } from './index/repo-index';
import { indexRepository, type IndexRepositoryRequest } from './index/repository-indexer';
import { Bm25Baseline } from './search/bm25-baseline';
import type { LocalizeAnswer } from './search/localize-result';
import { Localizer } from './search/localizer';
import { SearchCorpus } from './search/search-corpus';
import { summariseFile, type FileSummary } from './summary/file-summary';

/**
 * One commit's repository intelligence: its index plus the structures built from it on demand
 * (graph, lexical corpus, localizer, baseline). Building those takes a fraction of the index
 * time and happens once per instance, so keep an instance per commit for repeated queries.
 */
export class RepositoryIntelligence {
  private graphValue: RepoGraph | null = null;
  private corpusValue: SearchCorpus | null = null;
  private localizerValue: Localizer | null = null;
  private baselineValue: Bm25Baseline | null = null;

  constructor(
    readonly index: RepoIndex,
    readonly report: IndexBuildReport | null = null,
  ) {}

  /** Indexes (or loads from the cache) the given revision of a repository. */
  static async open(request: IndexRepositoryRequest): Promise<RepositoryIntelligence> {
    const { index, report } = await indexRepository(request);
    return new RepositoryIntelligence(index, report);
  }

  get commit(): string {
    return this.index.commit;
  }

  get graph(): RepoGraph {
    return (this.graphValue ??= new RepoGraph(this.index));
  }

  get corpus(): SearchCorpus {
    return (this.corpusValue ??= new SearchCorpus(this.index));
  }

  /** The k files (with their most relevant symbols) a task described by `query` most likely touches. */
  localize(query: string, k = 10, options: { includeTests?: boolean } = {}): LocalizeAnswer {
    this.localizerValue ??= new Localizer(this.corpus, this.graph);
    return { commit: this.commit, k, files: this.localizerValue.localize(query, k, options) };
  }

  /** Plain BM25 over the same files: the reference localize() is measured against. */
  baseline(query: string, k = 10): string[] {
    this.baselineValue ??= new Bm25Baseline(this.corpus);
    return this.baselineValue.rank(query, k);
  }

  /** Outline, imports and neighbours of one file; null when the path is not in the commit. */
  getFileSummary(path: string): FileSummary | null {
    return summariseFile(this.graph, this.index.importTargets, path.replace(/^\.\//, ''));
  }
}
