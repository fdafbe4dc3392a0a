import { Document, isMap, isNode, isScalar, LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { PatchbayConfigError, type PatchbayConfigProblem } from './patchbay-config.error';
import { PATCHBAY_CONFIG_FILE, patchbayConfigSchema, type PatchbayConfig } from './patchbay-config.schema';

/** Larger files are refused before parsing: a configuration file has no reason to be this big. */
export const MAX_PATCHBAY_CONFIG_BYTES = 64 * 1024;

/** A YAML bomb (aliases expanding to millions of nodes) fails instead of exhausting memory. */
const MAX_ALIAS_COUNT = 100;

/** A parsed configuration together with the file it came from, for provenance. */
export interface PatchbayConfigFile {
  /** Repository-relative path of the file, e.g. `.patchbay.yml`. */
  path: string;
  config: PatchbayConfig;
}

type Issue = z.core.$ZodIssue;
type PathSegment = string | number;

/**
 * Parses and validates the text of a `.patchbay.yml`. An empty file (or one with only comments)
 * is a valid file that sets nothing.
 *
 * @param text the file's content, as read from the repository's base commit
 * @param file the path named in error messages
 * @throws PatchbayConfigError listing every problem: the line and column of malformed YAML; the
 *   field path, rule and position of each schema violation; the name of each unknown key
 */
export function parsePatchbayConfig(text: string, file: string = PATCHBAY_CONFIG_FILE): PatchbayConfig {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PATCHBAY_CONFIG_BYTES) {
    throw new PatchbayConfigError(file, [
      { kind: 'syntax', path: '', rule: `is ${bytes} bytes; the limit is ${MAX_PATCHBAY_CONFIG_BYTES}` },
    ]);
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (document.errors.length > 0) {
    throw new PatchbayConfigError(
      file,
      inFileOrder(document.errors.map((error) => syntaxProblem(error, text, lineCounter))),
    );
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // Unresolved aliases and alias bombs surface only when the document is converted.
    throw new PatchbayConfigError(file, [{ kind: 'syntax', path: '', rule: (error as Error).message }]);
  }

  const result = patchbayConfigSchema.safeParse(value ?? {});
  if (!result.success) {
    const problems = flattenIssues(result.error.issues, []).flatMap((issue) =>
      schemaProblems(issue, document, lineCounter),
    );
    throw new PatchbayConfigError(file, inFileOrder(problems));
  }
  return result.data;
}

/**
 * Reads and parses the repository's `.patchbay.yml`; resolves to null when the repository has none.
 * `readFile` should read from the task's base commit, not the working tree, so an edit the task
 * itself makes to the file cannot change the rules it runs under.
 */
export async function loadPatchbayConfig(
  readFile: (path: string) => Promise<string | null | undefined>,
  path: string = PATCHBAY_CONFIG_FILE,
): Promise<PatchbayConfigFile | null> {
  const text = await readFile(path);
  if (text === null || text === undefined) return null;
  return { path, config: parsePatchbayConfig(text, path) };
}

function syntaxProblem(error: YAMLError, text: string, lineCounter: LineCounter): PatchbayConfigProblem {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  // The parser's message does not name the repeated key; its position is where the key starts.
  const rule =
    error.code === 'DUPLICATE_KEY'
      ? `duplicate key "${keyAt(text, error.pos[0])}" (each key may appear once)`
      : firstLine(error.message);
  return { kind: 'syntax', path: '', rule, line, column: col };
}

function keyAt(text: string, offset: number): string {
  const match = /^(?:"([^"\n]*)"|'([^'\n]*)'|([^:\n]*?))\s*:/.exec(text.slice(offset));
  return match ? (match[1] ?? match[2] ?? match[3]) : text.slice(offset).split('\n')[0];
}

function inFileOrder(problems: PatchbayConfigProblem[]): PatchbayConfigProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * A union reports one "invalid_union" issue carrying every branch's issues. When a branch got
 * past the type check and failed deeper (an element of a command list), that branch's issues
 * are the precise ones; otherwise the union's own message says what the field takes.
 */
function flattenIssues(issues: readonly Issue[], prefix: readonly PathSegment[]): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union') {
      const deeper = issue.errors.find(
        (branch) =>
          branch.length > 0 && branch.every((inner) => inner.path.length > 0 || inner.code !== 'invalid_type'),
      );
      if (deeper) return flattenIssues(deeper, path);
    }
    return [{ ...issue, path }];
  });
}

function schemaProblems(issue: Issue, document: Document, lineCounter: LineCounter): PatchbayConfigProblem[] {
  const path = issue.path as PathSegment[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const allowed = allowedKeysAt(path);
      const suggestion = closestKey(key, allowed);
      const hint = suggestion
        ? `; did you mean "${suggestion}"?`
        : allowed.length
          ? `; allowed keys: ${allowed.join(', ')}`
          : '';
      return {
        kind: 'schema' as const,
        path: dotted([...path, key]),
        rule: `unknown key "${key}"${hint}`,
        ...position(keyNodeOffset(document, path, key) ?? nodeOffset(document, path), lineCounter),
      };
    });
  }
  return [
    { kind: 'schema', path: dotted(path), rule: issue.message, ...position(nodeOffset(document, path), lineCounter) },
  ];
}

function allowedKeysAt(path: readonly PathSegment[]): string[] {
  if (path.length === 0) return Object.keys(patchbayConfigSchema.shape);
  if (path.length === 1 && path[0] === 'plan') return Object.keys(patchbayConfigSchema.shape.plan.unwrap().shape);
  return [];
}

/** The offset of the deepest node the document has along the path. */
function nodeOffset(document: Document, path: readonly PathSegment[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function keyNodeOffset(document: Document, mapPath: readonly PathSegment[], key: string): number | undefined {
  const map = mapPath.length === 0 ? document.contents : document.getIn(mapPath, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

function position(
  offset: number | undefined,
  lineCounter: LineCounter,
): Pick<PatchbayConfigProblem, 'line' | 'column'> {
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function dotted(path: readonly PathSegment[]): string {
  return path.map(String).join('.');
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** The allowed key within two edits of a misspelt one (`tset` → `test`), if any. */
function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Optimal string alignment distance: an adjacent transposition ("tset") is one edit, as a typist makes it. */
function editDistance(a: string, b: string): number {
  const distances = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      distances[i][j] = Math.min(distances[i - 1][j] + 1, distances[i][j - 1] + 1, distances[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distances[i][j] = Math.min(distances[i][j], distances[i - 2][j - 2] + 1);
      }
    }
  }
  return distances[a.length][b.length];
}
