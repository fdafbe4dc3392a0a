import { languageOf, type Language } from '../files/language';

/** Grammar (file name stem in tree-sitter-wasms) that checks the syntax of each language. */
const SYNTAX_GRAMMARS: Partial<Record<Language, SyntaxGrammar>> = {
  typescript: 'typescript',
  tsx: 'tsx',
  // tree-sitter-javascript reads JSX too, so .jsx and JSX inside .js files both parse.
  javascript: 'javascript',
  json: 'json',
  python: 'python',
  go: 'go',
  java: 'java',
};

export type SyntaxGrammar = 'typescript' | 'tsx' | 'javascript' | 'json' | 'python' | 'go' | 'java';

/** The grammar that checks a path's syntax, from its file name alone; null when none does. */
export function syntaxGrammarOf(path: string): SyntaxGrammar | null {
  return SYNTAX_GRAMMARS[languageOf(path) ?? 'text'] ?? null;
}
