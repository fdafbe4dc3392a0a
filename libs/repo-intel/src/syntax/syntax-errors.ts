import { Parser } from 'web-tree-sitter';
import { grammarLanguage } from '../parse/grammar-registry';
import { jsonDocumentRule } from './json-document.rule';
import { isJsonWithComments, isTrailingComma } from './json-with-comments';
import { jsxTagPairRule } from './jsx-tag-pair.rule';
import { parseErrorProblems } from './parse-error-nodes';
import { pythonIndentationRule } from './python-indentation.rule';
import { syntaxGrammarOf, type SyntaxGrammar } from './syntax-grammar';
import { compareSyntaxProblems, type SyntaxProblem } from './syntax-problem';
import type { SyntaxRule } from './syntax-rule';

const RULES: Record<SyntaxGrammar, SyntaxRule[]> = {
  typescript: [],
  tsx: [jsxTagPairRule],
  javascript: [jsxTagPairRule],
  json: [jsonDocumentRule],
  python: [pythonIndentationRule],
  go: [],
  java: [],
};

/** A broken file can hold thousands of errors; callers act on the first few. */
const MAX_PROBLEMS = 20;

const parsers = new Map<SyntaxGrammar, Promise<Parser>>();

/**
 * The syntax errors of a file's content in document order (at most 20), from its language's
 * tree-sitter grammar: ERROR and MISSING nodes, plus the few rules a grammar cannot express
 * (see SyntaxRule). An empty list means the content parses; null means no grammar checks the
 * path's language (TS, TSX, JS, JSON, Python, Go and Java are checked).
 */
export async function syntaxErrors(path: string, content: string): Promise<SyntaxProblem[] | null> {
  const grammar = syntaxGrammarOf(path);
  if (!grammar) return null;
  const parser = await parserFor(grammar);
  const tree = parser.parse(content);
  if (!tree) throw new Error(`the ${grammar} parser returned no tree for ${path}`);
  try {
    const tolerated = grammar === 'json' && isJsonWithComments(path) ? isTrailingComma : undefined;
    const lines = content.split('\n');
    const problems = [
      ...parseErrorProblems(tree.rootNode, tolerated),
      ...RULES[grammar].flatMap((rule) => rule.check(tree.rootNode, lines, path)),
    ];
    return problems.sort(compareSyntaxProblems).slice(0, MAX_PROBLEMS);
  } finally {
    // WASM memory is not garbage-collected: a tree left undeleted leaks for the process' life.
    tree.delete();
  }
}

function parserFor(grammar: SyntaxGrammar): Promise<Parser> {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = grammarLanguage(grammar).then((language) => new Parser().setLanguage(language));
    parsers.set(grammar, parser);
    parser.catch(() => parsers.delete(grammar));
  }
  return parser;
}
