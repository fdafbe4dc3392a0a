/**
 * The exact things a task description can point at, found by pattern rather than by word
 * statistics: paths and file names, stack-trace frames, identifiers written as code, and quoted
 * error messages. Each becomes a strong, explainable signal in localize().
 */
export interface StackFrame {
  /** The path as printed (absolute, or relative to wherever the program ran). */
  path: string;
  line: number | null;
  functionName: string | null;
}

export interface QueryMentions {
  /** Path-like tokens: contain a slash or end in a known extension (`src/a.ts`, `config.py`). */
  paths: string[];
  frames: StackFrame[];
  /** Code-looking identifiers: camelCase, PascalCase with two parts, snake_case, `x()`, or in backticks. */
  identifiers: string[];
  /** Quoted phrases of several words, likely error messages or UI text. */
  phrases: string[];
}

const EXTENSIONS =
  'tsx?|jsx?|mjs|cjs|mts|cts|py|pyi|go|java|kt|rs|rb|php|cs|cpp|cc|c|h|hpp|json|ya?ml|toml|md|sh|sql|css|scss|html|vue';
const PATH_TOKEN = new RegExp(
  `(?:^|[\\s"'\`(\\[<])((?:[\\w@.-]+/)*[\\w@.-]+\\.(?:${EXTENSIONS}))(?=$|[\\s"'\`)\\]>:,;!?]|\\.(?:\\s|$))`,
  'g',
);
const SLASH_PATH = /(?:^|[\s"'`(])((?:[\w@.-]+\/)+[\w@.-]+)(?=$|[\s"'`),:;])/g;
// Node/JS: "at fn (path:12:3)" or "at path:12:3"; Java: "at a.b.C.m(C.java:12)".
const JS_FRAME = /\bat (?:(?:async )?([\w$.<>[\]]+) )?\(?((?:[A-Za-z]:)?[^\s():]+\.[A-Za-z]+):(\d+)(?::\d+)?\)?/g;
const PYTHON_FRAME = /File "([^"]+)", line (\d+)(?:, in ([\w<>]+))?/g;
const GO_FRAME = /^\s*((?:\/|\w)[^\s:]*\.go):(\d+)/gm;
const IDENTIFIER =
  /`([^`\n]{2,80})`|\b([A-Za-z_$][\w$]*)\(\)|\b([a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Z]{2,}[a-z]+\w*)\b/g;
const PHRASE = /"([^"\n]{8,200})"|'([^'\n]{8,200})'|“([^”\n]{8,200})”/g;

export function findMentions(query: string): QueryMentions {
  const frames: StackFrame[] = [];
  for (const m of query.matchAll(JS_FRAME)) frames.push({ path: m[2], line: Number(m[3]), functionName: m[1] ?? null });
  for (const m of query.matchAll(PYTHON_FRAME))
    frames.push({ path: m[1], line: Number(m[2]), functionName: m[3] ?? null });
  for (const m of query.matchAll(GO_FRAME)) frames.push({ path: m[1], line: Number(m[2]), functionName: null });

  const paths = new Set<string>();
  for (const m of query.matchAll(PATH_TOKEN)) paths.add(trimPath(m[1]));
  for (const m of query.matchAll(SLASH_PATH)) if (!/^https?:/.test(m[1])) paths.add(trimPath(m[1]));

  const identifiers = new Set<string>();
  for (const m of query.matchAll(IDENTIFIER)) {
    const text = m[1] ?? m[2] ?? m[3];
    if (!text) continue;
    // A backticked span may be an expression (`task.save()`): keep its identifiers.
    for (const part of text.match(/[A-Za-z_$][\w$]*/g) ?? []) if (part.length > 2) identifiers.add(part);
  }

  const phrases = new Set<string>();
  for (const m of query.matchAll(PHRASE)) {
    const text = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (/\s/.test(text)) phrases.add(text);
  }
  return {
    paths: [...paths].filter((p) => p.length > 2),
    frames,
    identifiers: [...identifiers],
    phrases: [...phrases],
  };
}

function trimPath(path: string): string {
  return path.replace(/^\.\//, '').replace(/[.,;:]+$/, '');
}
