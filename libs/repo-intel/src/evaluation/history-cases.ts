import { isParsedLanguage, languageOf } from '../files/language';
import { exclusionByPath } from '../files/path-exclusion';
import { runGit } from '../git/git-runner';
import { isTestFile } from '../graph/test-pairing';

/**
 * One localisation case taken from a repository's own history: the commit message is the task,
 * the source files it changed are what a localiser should find, in the tree of its parent.
 */
export interface HistoryCase {
  commit: string;
  parent: string;
  query: string;
  /** Changed source files that exist in the parent (the findable gold). */
  gold: string[];
  /** Changed source files the commit added: part of the 1–4 count, impossible to retrieve. */
  added: string[];
}

export interface HistoryCaseOptions {
  maxCommits: number;
  minSourceFiles: number;
  maxSourceFiles: number;
  /** Messages shorter than this many words say too little to be a task. */
  minMessageWords: number;
}

export const DEFAULT_HISTORY_CASE_OPTIONS: HistoryCaseOptions = {
  maxCommits: 500,
  minSourceFiles: 1,
  maxSourceFiles: 4,
  minMessageWords: 4,
};

const RECORD = '\x1e';
const FIELD = '\x1f';

/**
 * Commits (no merges, newest first) that change 1–4 source files — code in a parsed language,
 * not tests, docs, lockfiles or generated files — and whose message has a few words.
 */
export async function historyCases(
  repo: string,
  rev: string,
  options: Partial<HistoryCaseOptions> = {},
): Promise<HistoryCase[]> {
  const settings = { ...DEFAULT_HISTORY_CASE_OPTIONS, ...options };
  const log = await runGit(repo, [
    'log',
    '--no-merges',
    '--first-parent',
    `--max-count=${settings.maxCommits}`,
    '--name-status',
    '--no-renames',
    `--format=${RECORD}%H${FIELD}%P${FIELD}%B${FIELD}`,
    rev,
  ]);
  const cases: HistoryCase[] = [];
  for (const record of log.split(RECORD)) {
    if (!record.trim()) continue;
    const [commit, parents, message, changes] = record.split(FIELD);
    const parent = parents?.trim().split(' ')[0];
    if (!commit || !parent || message === undefined) continue;
    const query = message.trim();
    if (query.split(/\s+/).filter((w) => /[A-Za-z]{2}/.test(w)).length < settings.minMessageWords) continue;
    const gold: string[] = [];
    const added: string[] = [];
    for (const line of (changes ?? '').split('\n')) {
      const [status, path] = line.split('\t');
      if (!status || !path || !isSourceFile(path)) continue;
      if (status.startsWith('A')) added.push(path);
      else gold.push(path);
    }
    const changed = gold.length + added.length;
    if (changed < settings.minSourceFiles || changed > settings.maxSourceFiles || gold.length === 0) continue;
    cases.push({ commit, parent, query, gold: gold.sort(), added: added.sort() });
  }
  return cases;
}

export function isSourceFile(path: string): boolean {
  return (
    isParsedLanguage(languageOf(path)) && !isTestFile(path) && exclusionByPath(path) === null && !path.endsWith('.d.ts')
  );
}
