import type { RepoGraph } from '../graph/repo-graph';
import { basenameOf } from '../graph/repo-paths';
import { termsOfText, termsOfWord } from '../terms/identifier-terms';
import type { LocalizedFile, LocalizedSymbol } from './localize-result';
import { findMentions, type QueryMentions, type StackFrame } from './query-mentions';
import type { FileRole, SearchCorpus } from './search-corpus';

/**
 * Weights of the combined ranking. Lexical scores are normalised to the best document (1.0), so
 * the boosts below read as "worth this fraction of the best lexical match". They were set from
 * what each signal means, not fitted to a benchmark: an exact path or stack frame outweighs any
 * word statistics, a code identifier nearly so, and graph neighbours only reorder near-ties.
 */
const FIELD_WEIGHTS = { path: 1.0, symbols: 0.7, comments: 0.4, code: 1.0 } as const;
const BOOST = {
  pathMention: 1.5,
  fileNameMention: 1.0,
  stackFrame: 1.2,
  definesIdentifier: 0.8,
  referencesIdentifier: 0.15,
  message: 0.8,
  neighbourOfHit: 0.15,
  sourceOfTestHit: 0.5,
  testOfHit: 0.3,
} as const;
// How a file's role scales its score: a task usually changes source; tests and docs follow it.
const ROLE_PRIOR: Record<FileRole, number> = { source: 1.0, test: 0.8, other: 0.6 };
const GRAPH_SEEDS = 10;
const MAX_DEFINITIONS_FOR_BOOST = 20;
const MAX_REFERENCES_FOR_BOOST = 30;
const SYMBOLS_PER_FILE = 3;
// Placeholder for the lexical reason, spelled out only for the files that make the answer.
const LEXICAL_REASON = '\0lexical';

interface Candidate {
  score: number;
  reasons: Array<{ weight: number; text: string }>;
}

/**
 * Model-free localisation: which files (and symbols in them) a task described in plain text
 * most likely touches. Lexical BM25 over paths, defined names, comments and code; exact
 * mentions (paths, file names, stack frames, identifiers, error messages); then one step of
 * graph expansion from the strongest hits (imports both ways, test ↔ source). Deterministic:
 * equal scores are ordered by path.
 */
export class Localizer {
  private readonly byBasename = new Map<string, number[]>();
  private readonly lowerMessages: string[][];

  constructor(
    private readonly corpus: SearchCorpus,
    private readonly graph: RepoGraph,
  ) {
    corpus.documents.forEach((doc, id) => {
      const name = basenameOf(doc.path);
      const ids = this.byBasename.get(name);
      if (ids) ids.push(id);
      else this.byBasename.set(name, [id]);
    });
    this.lowerMessages = corpus.documents.map((doc) =>
      (doc.file.content?.parsed?.messages ?? []).map((m) => m.toLowerCase()),
    );
  }

  localize(query: string, k: number, options: { includeTests?: boolean } = {}): LocalizedFile[] {
    const includeTests = options.includeTests ?? true;
    const documents = this.corpus.documents;
    const terms = [...new Set(termsOfText(query))];
    const mentions = findMentions(query);
    const candidates = new Map<number, Candidate>();
    const add = (id: number, weight: number, text: string) => {
      const candidate = candidates.get(id) ?? { score: 0, reasons: [] };
      candidate.score += weight;
      candidate.reasons.push({ weight, text });
      candidates.set(id, candidate);
    };

    this.addLexical(terms, add);
    this.addMentions(query, mentions, add);

    for (const [id, candidate] of candidates) {
      const role = documents[id].role;
      if (role === 'test' && !includeTests) candidates.delete(id);
      else candidate.score *= ROLE_PRIOR[role];
    }
    this.expandThroughGraph(candidates, includeTests);

    const ranked = [...candidates]
      .filter(([, c]) => c.score > 0)
      .sort(([a, x], [b, y]) => y.score - x.score || (documents[a].path < documents[b].path ? -1 : 1))
      .slice(0, k);
    const termSet = new Set(terms);
    return ranked.map(([id, candidate]) => ({
      path: documents[id].path,
      role: documents[id].role,
      score: Math.round(candidate.score * 10_000) / 10_000,
      reasons: candidate.reasons
        .sort((a, b) => b.weight - a.weight)
        .map((r) => (r.text === LEXICAL_REASON ? this.lexicalReason(id, terms) : r.text))
        .filter((text, i, all) => all.indexOf(text) === i)
        .slice(0, 5),
      symbols: this.symbolsOf(id, termSet, mentions),
    }));
  }

  private addLexical(terms: string[], add: (id: number, weight: number, text: string) => void): void {
    if (terms.length === 0) return;
    const n = this.corpus.documents.length;
    const scores = new Float64Array(n);
    this.corpus.path.score(terms, scores, FIELD_WEIGHTS.path);
    this.corpus.symbols.score(terms, scores, FIELD_WEIGHTS.symbols);
    this.corpus.comments.score(terms, scores, FIELD_WEIGHTS.comments);
    this.corpus.code.score(terms, scores, FIELD_WEIGHTS.code);
    let best = 0;
    for (const s of scores) if (s > best) best = s;
    if (best === 0) return;
    for (let id = 0; id < n; id++) if (scores[id] > 0) add(id, scores[id] / best, LEXICAL_REASON);
  }

  /** Names the rarest query terms a file contains: they explain its lexical score best. */
  private lexicalReason(id: number, terms: readonly string[]): string {
    const byRarity = [...terms].sort((a, b) => this.corpus.code.idf(b) - this.corpus.code.idf(a) || (a < b ? -1 : 1));
    const matched = byRarity
      .filter((t) => this.corpus.path.has(t, id) || this.corpus.symbols.has(t, id) || this.corpus.code.has(t, id))
      .slice(0, 4);
    return matched.length > 0 ? `matches ${matched.join(', ')}` : 'matches comment terms';
  }

  private addMentions(
    query: string,
    mentions: QueryMentions,
    add: (id: number, weight: number, text: string) => void,
  ): void {
    for (const mention of mentions.paths) {
      const exact = this.corpus.idOf.get(mention);
      if (exact !== undefined) {
        add(exact, BOOST.pathMention, `path ${mention} named in the task`);
        continue;
      }
      const suffix = this.corpus.documents.flatMap((doc, id) => (doc.path.endsWith(`/${mention}`) ? [id] : []));
      if (suffix.length > 0) {
        for (const id of suffix) add(id, BOOST.pathMention / suffix.length, `path ${mention} named in the task`);
        continue;
      }
      const named = this.byBasename.get(basenameOf(mention)) ?? [];
      if (named.length > 0 && named.length <= 5)
        for (const id of named)
          add(id, BOOST.fileNameMention / named.length, `file name ${basenameOf(mention)} named in the task`);
    }

    mentions.frames.forEach((frame, position) => {
      const id = this.fileOfFrame(frame);
      // Innermost frames come first in JS/Java traces: they matter most.
      if (id !== null)
        add(
          id,
          BOOST.stackFrame * Math.pow(0.9, Math.min(position, 10)),
          `stack frame ${basenameOf(frame.path)}${frame.line ? `:${frame.line}` : ''}`,
        );
    });

    for (const identifier of mentions.identifiers) {
      const definitions = this.graph.definitions.get(identifier) ?? [];
      const definingFiles = [...new Set(definitions.map((d) => d.path))];
      if (definingFiles.length > 0 && definingFiles.length <= MAX_DEFINITIONS_FOR_BOOST) {
        for (const path of definingFiles) {
          const id = this.corpus.idOf.get(path);
          if (id !== undefined)
            add(id, BOOST.definesIdentifier / Math.sqrt(definingFiles.length), `defines ${identifier}`);
        }
      }
      const references = this.graph.referencesTo.get(identifier) ?? [];
      if (references.length > 0 && references.length <= MAX_REFERENCES_FOR_BOOST) {
        for (const path of references) {
          const id = this.corpus.idOf.get(path);
          if (id !== undefined && !definingFiles.includes(path))
            add(id, BOOST.referencesIdentifier, `uses ${identifier}`);
        }
      }
    }

    const lowerQuery = query.toLowerCase();
    const phrases = mentions.phrases.map((p) => p.toLowerCase());
    this.lowerMessages.forEach((messages, id) => {
      const hit = messages.find(
        (m) => (m.length >= 16 && lowerQuery.includes(m)) || phrases.some((p) => m.includes(p)),
      );
      if (hit) add(id, BOOST.message, `contains the message "${hit.length > 60 ? `${hit.slice(0, 57)}...` : hit}"`);
    });
  }

  /** Matches a frame's path by its longest suffix that is a repository path. */
  private fileOfFrame(frame: StackFrame): number | null {
    const parts = frame.path.replace(/\\/g, '/').split('/').filter(Boolean);
    for (let start = 0; start < parts.length; start++) {
      const candidate = parts.slice(start).join('/');
      const exact = this.corpus.idOf.get(candidate);
      if (exact !== undefined) return exact;
      if (start === parts.length - 1) break;
      const suffix = this.corpus.documents.findIndex((doc) => doc.path.endsWith(`/${candidate}`));
      if (suffix >= 0) return suffix;
    }
    return null;
  }

  private expandThroughGraph(candidates: Map<number, Candidate>, includeTests: boolean): void {
    const documents = this.corpus.documents;
    const seeds = [...candidates]
      .sort(([a, x], [b, y]) => y.score - x.score || (documents[a].path < documents[b].path ? -1 : 1))
      .slice(0, GRAPH_SEEDS);
    const bonuses = new Map<number, { weight: number; text: string }>();
    const offer = (path: string, weight: number, text: string) => {
      const id = this.corpus.idOf.get(path);
      if (id === undefined) return;
      if (documents[id].role === 'test' && !includeTests) return;
      const current = bonuses.get(id);
      if (!current || weight > current.weight) bonuses.set(id, { weight, text });
    };
    for (const [id, seed] of seeds) {
      const path = documents[id].path;
      for (const target of this.graph.importsOf.get(path) ?? [])
        offer(target, BOOST.neighbourOfHit * seed.score, `imported by ${basenameOf(path)}`);
      for (const importer of this.graph.importersOf.get(path) ?? [])
        offer(importer, BOOST.neighbourOfHit * seed.score, `imports ${basenameOf(path)}`);
      for (const source of this.graph.sourcesOfTest.get(path) ?? [])
        offer(source, BOOST.sourceOfTestHit * seed.score, `tested by ${basenameOf(path)}`);
      for (const test of this.graph.testsOf.get(path) ?? [])
        offer(test, BOOST.testOfHit * seed.score, `tests ${basenameOf(path)}`);
    }
    for (const [id, bonus] of bonuses) {
      const candidate = candidates.get(id) ?? { score: 0, reasons: [] };
      candidate.score += bonus.weight;
      candidate.reasons.push(bonus);
      candidates.set(id, candidate);
    }
  }

  private symbolsOf(id: number, queryTerms: ReadonlySet<string>, mentions: QueryMentions): LocalizedSymbol[] {
    const doc = this.corpus.documents[id];
    const symbols = doc.file.content?.parsed?.symbols ?? [];
    const frameLines = mentions.frames.filter((f) => f.line !== null && this.fileOfFrame(f) === id).map((f) => f.line!);
    const identifiers = new Set(mentions.identifiers);
    const scored = symbols.flatMap((symbol) => {
      let score = 0;
      let reason = '';
      const inFrame = frameLines.find((line) => line >= symbol.startLine && line <= symbol.endLine);
      if (inFrame !== undefined) {
        score += 3 + 1 / (1 + symbol.endLine - symbol.startLine);
        reason = `stack frame at line ${inFrame}`;
      }
      if (identifiers.has(symbol.name)) {
        score += 2;
        reason ||= `named in the task`;
      }
      const shared = [...new Set(termsOfWord(symbol.name))].filter((t) => queryTerms.has(t));
      if (shared.length > 0) {
        score += shared.reduce((sum, t) => sum + this.corpus.symbols.idf(t), 0) / 10;
        reason ||= `shares ${shared.join(', ')}`;
      }
      return score > 0 ? [{ score, symbol, reason }] : [];
    });
    return scored
      .sort((a, b) => b.score - a.score || a.symbol.startLine - b.symbol.startLine)
      .slice(0, SYMBOLS_PER_FILE)
      .map(({ symbol, reason }) => ({
        name: symbol.name,
        kind: symbol.kind,
        container: symbol.container,
        startLine: symbol.startLine,
        endLine: symbol.endLine,
        reason,
      }));
  }
}
