import type { Node } from 'web-tree-sitter';

const JSONC_NAMES = new Set([
  'devcontainer.json',
  '.devcontainer.json',
  '.eslintrc.json',
  'tslint.json',
  'deno.json',
  'turbo.json',
  'api-extractor.json',
  'tsdoc-metadata.json',
]);

/**
 * JSON files that their tools read as JSONC, where comments and trailing commas are allowed:
 * TypeScript's and JavaScript's project files, editor settings and a few well-known tools' files.
 * tree-sitter-json accepts comments and reports trailing commas as errors; the JSON rules refuse
 * both elsewhere, and these files must count neither.
 */
export function isJsonWithComments(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /^[tj]sconfig(\..+)?\.json$/.test(name) || /(^|\/)\.vscode\/[^/]+\.json$/.test(path) || JSONC_NAMES.has(name);
}

/**
 * The two shapes tree-sitter-json gives a trailing comma: in an object, an ERROR node holding the
 * comma; in an array, a MISSING value between the comma and the closing bracket.
 */
export function isTrailingComma(node: Node): boolean {
  const closes = isClosingBracket(nextCodeSibling(node));
  if (node.isError) return node.text === ',' && closes;
  return node.isMissing && closes && previousCodeSibling(node)?.type === ',';
}

function isClosingBracket(node: Node | null): boolean {
  return node?.type === '}' || node?.type === ']';
}

function nextCodeSibling(node: Node): Node | null {
  let next = node.nextSibling;
  while (next?.isExtra) next = next.nextSibling;
  return next;
}

function previousCodeSibling(node: Node): Node | null {
  let previous = node.previousSibling;
  while (previous?.isExtra) previous = previous.previousSibling;
  return previous;
}
