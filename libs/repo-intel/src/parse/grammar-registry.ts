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

async function load(language: ParsedLanguage): Promise<LoadedGrammar> {
  initialised ??= Parser.init();
  await initialised;
  const support = LANGUAGE_SUPPORT[language];
  const wasmDirectory = join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out');
  // The bytes are read here rather than by Language.load(path), which reaches for the file system
  // through a dynamic import that Jest's module sandbox refuses.
  const grammar = await Language.load(await readFile(join(wasmDirectory, `tree-sitter-${support.grammar}.wasm`)));
  const parser = new Parser();
  parser.setLanguage(grammar);
  return { support, parser, query: new Query(grammar, support.query) };
}
