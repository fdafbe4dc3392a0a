import type { Node } from 'web-tree-sitter';
import { encodeCounts } from '../terms/count-table';
import { termsOfText } from '../terms/identifier-terms';
import type { LoadedGrammar } from './grammar-registry';
import type { CallSite, ImportRecord, OutlineSymbol, ParsedFile, SymbolKind } from './parsed-file';
import { splitIntoChunks } from './source-chunks';

const CONTAINER_KINDS: ReadonlySet<SymbolKind> = new Set(['class', 'interface', 'enum', 'namespace']);
const MAX_MESSAGES = 40;

interface RawSymbol extends OutlineSymbol {
  order: number;
}

/**
 * Parses one file with its language's grammar and query and returns what the index keeps:
 * the outline (definitions nested under their classes), imports, call sites by name, comment
 * terms and message-like string literals. Files over `chunkChars` are parsed in pieces.
 */
export function extractOutline(grammar: LoadedGrammar, text: string, chunkChars: number): ParsedFile {
  const { support, parser, query } = grammar;
  const raw: RawSymbol[] = [];
  const imports: ImportRecord[] = [];
  const calls: CallSite[] = [];
  const exportedNames = new Set<string>();
  const messages = new Set<string>();
  const commentTerms = new Map<string, number>();
  let packageName: string | null = null;
  let hasSyntaxErrors = false;
  const chunks = splitIntoChunks(text, chunkChars);

  for (const chunk of chunks) {
    const tree = parser.parse(chunk.text);
    if (!tree) continue;
    try {
      hasSyntaxErrors ||= tree.rootNode.hasError;
      // A node matched by several patterns keeps the kind of the earliest (most specific) one.
      const definitions = new Map<number, { pattern: number; symbol: RawSymbol }>();
      for (const match of query.matches(tree.rootNode)) {
        for (const { name: captureName, node } of match.captures) {
          if (captureName.startsWith('definition.')) {
            const nameNode = match.captures.find((c) => c.name === 'name')?.node;
            const previous = definitions.get(node.id);
            if (!nameNode || (previous && previous.pattern <= match.patternIndex)) continue;
            definitions.set(node.id, {
              pattern: match.patternIndex,
              symbol: {
                name: nameNode.text,
                kind: captureName.slice('definition.'.length) as SymbolKind,
                startLine: node.startPosition.row + 1 + chunk.lineOffset,
                endLine: endLineOf(node) + chunk.lineOffset,
                exported: support.isExported(node, nameNode.text),
                container: support.receiverOf?.(node) ?? null,
                order: raw.length + definitions.size,
              },
            });
          } else if (captureName === 'import') {
            for (const record of support.imports(match))
              imports.push({ ...record, line: record.line + chunk.lineOffset });
          } else if (captureName === 'call') {
            // Names are stored space-separated (see CountTable); a name with a space is no identifier.
            if (!/\s/.test(node.text))
              calls.push({ name: node.text, line: node.startPosition.row + 1 + chunk.lineOffset });
          } else if (captureName === 'comment') {
            for (const term of termsOfText(node.text)) commentTerms.set(term, (commentTerms.get(term) ?? 0) + 1);
          } else if (captureName === 'string') {
            if (messages.size < MAX_MESSAGES) addMessage(node, messages);
          } else if (captureName === 'package') {
            packageName ??= node.text;
          } else if (captureName === 'export.name') {
            exportedNames.add(node.text);
          } else if (captureName === 'export.assignment') {
            for (const name of support.exportedNames?.(node) ?? []) exportedNames.add(name);
          }
        }
      }
      for (const { symbol } of definitions.values()) raw.push(symbol);
    } finally {
      // WASM memory is not garbage-collected: a tree left undeleted leaks for the process' life.
      tree.delete();
    }
  }

  return {
    symbols: nest(raw, exportedNames, support.membersDecideVisibility === true),
    imports,
    calls: uniqueCalls(calls)
      .map((call) => `${call.name} ${call.line}`)
      .join(' '),
    exportedNames: [...exportedNames].sort(),
    packageName,
    commentTerms: encodeCounts(commentTerms),
    messages: [...messages],
    chunks: chunks.length,
    hasSyntaxErrors,
  };
}

function endLineOf(node: Node): number {
  // A node ending at column 0 ends on the previous line's newline.
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row : end.row + 1;
}

/**
 * Places definitions under the class-like symbol that encloses them and drops definitions local
 * to a function body (helpers and callbacks), which would only clutter an outline. A function
 * directly inside a class is a method (Python's `def` in a class body).
 */
function nest(raw: RawSymbol[], exportedNames: ReadonlySet<string>, membersDecideVisibility: boolean): OutlineSymbol[] {
  const sorted = [...raw].sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine || a.order - b.order);
  const stack: OutlineSymbol[] = [];
  const kept: OutlineSymbol[] = [];
  for (const symbol of sorted) {
    while (stack.length > 0 && stack[stack.length - 1].endLine < symbol.startLine) stack.pop();
    const enclosing = stack[stack.length - 1];
    const { order: _order, ...plain } = symbol;
    if (enclosing && !CONTAINER_KINDS.has(enclosing.kind)) {
      stack.push(plain);
      continue;
    }
    if (enclosing) {
      plain.container = enclosing.name;
      if (plain.kind === 'function') plain.kind = 'method';
      // A member is public when its class is, unless the language decides per member (Java's
      // modifiers, Go's capitalisation), in which case it was set already.
      if (!membersDecideVisibility)
        plain.exported = enclosing.exported && !plain.name.startsWith('_') && !plain.name.startsWith('#');
    } else if (exportedNames.has(plain.name)) {
      plain.exported = true;
    }
    kept.push(plain);
    stack.push(plain);
  }
  return kept;
}

function addMessage(node: Node, into: Set<string>): void {
  const text = node.text
    .replace(/^[rbuf]*("""|'''|"|'|`)/i, '')
    .replace(/("""|'''|"|'|`)$/, '')
    .trim();
  // Messages are phrases: several words, mostly letters, not paths or format strings alone.
  if (text.length < 12 || text.length > 200 || !/\s/.test(text) || !/[A-Za-z]{3}/.test(text)) return;
  into.add(text);
}

function uniqueCalls(calls: CallSite[]): CallSite[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    const key = `${call.line}:${call.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
