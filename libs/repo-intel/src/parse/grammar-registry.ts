import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import type { ParsedLanguage } from '../files/language';
import type { LanguageSupport } from './languages/language-support';
import { LANGUAGE_SUPPORT } from './languages/supported-languages';

/** A grammar ready to use: one parser per language, its query compiled once. */
export interface LoadedGrammar {
  support: LanguageSupport;
  parser: Parser;
  query: Query;
}

let initialised: Promise<void> | null = null;
const grammars = new Map<ParsedLanguage, Promise<LoadedGrammar>>();
const languages = new Map<string, Promise<Language>>();
let linking: Promise<unknown> = Promise.resolve();

/**
 * Loads a WASM grammar on first use. Grammars come from the `tree-sitter-wasms` package, so no
 * native build is needed; loading one takes a few milliseconds and happens once per process.
 */
export function grammarFor(language: ParsedLanguage): Promise<LoadedGrammar> {
  let grammar = grammars.get(language);
  if (!grammar) {
    grammar = load(language);
    grammars.set(language, grammar);
    // A failed load must not poison the cache for the rest of the process.
    grammar.catch(() => grammars.delete(language));
  }
  return grammar;
}

/**
 * A grammar by its file name stem in tree-sitter-wasms (`typescript`, `json`, …), loaded once per
 * process. The outline grammars above and the syntax check share these.
 */
export function grammarLanguage(grammar: string): Promise<Language> {
  let language = languages.get(grammar);
  if (!language) {
    language = loadLanguage(grammar);
    languages.set(grammar, language);
    language.catch(() => languages.delete(grammar));
  }
  return language;
}

async function loadLanguage(grammar: string): Promise<Language> {
  initialised ??= Parser.init();
  await initialised;
  const wasmDirectory = join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out');
  // The bytes are read here rather than by Language.load(path), which reaches for the file system
  // through a dynamic import that Jest's module sandbox refuses.
  const bytes = await readFile(join(wasmDirectory, `tree-sitter-${grammar}.wasm`));
  // web-tree-sitter links every grammar into one WebAssembly table; two links at once mix up
  // their symbols ("bad export type for 'tree_sitter_tsx_external_scanner_create'"), so grammars
  // load one after another.
  const language = linking.then(() => Language.load(bytes));
  linking = language.catch(() => undefined);
  return language;
}

async function load(language: ParsedLanguage): Promise<LoadedGrammar> {
  const support = LANGUAGE_SUPPORT[language];
  const grammar = await grammarLanguage(support.grammar);
  const parser = new Parser();
  parser.setLanguage(grammar);
  return { support, parser, query: new Query(grammar, support.query) };
}
