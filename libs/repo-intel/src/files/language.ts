/**
 * Languages the index knows. The first group has a tree-sitter grammar and gets an outline,
 * imports and call sites; the rest are indexed for lexical retrieval only.
 */
export const PARSED_LANGUAGES = ['typescript', 'tsx', 'javascript', 'python', 'go', 'java'] as const;
export type ParsedLanguage = (typeof PARSED_LANGUAGES)[number];
export type Language =
  | ParsedLanguage
  | 'json'
  | 'yaml'
  | 'markdown'
  | 'shell'
  | 'css'
  | 'html'
  | 'sql'
  | 'toml'
  | 'rust'
  | 'c'
  | 'cpp'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'kotlin'
  | 'text';

const BY_EXTENSION: Record<string, Language> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  py: 'python',
  pyi: 'python',
  go: 'go',
  java: 'java',
  json: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  md: 'markdown',
  mdx: 'markdown',
  rst: 'text',
  txt: 'text',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  bats: 'shell',
  css: 'css',
  scss: 'css',
  less: 'css',
  html: 'html',
  htm: 'html',
  sql: 'sql',
  toml: 'toml',
  rs: 'rust',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  rb: 'ruby',
  php: 'php',
  kt: 'kotlin',
};

const BY_NAME: Record<string, Language> = {
  Dockerfile: 'shell',
  Makefile: 'shell',
  '.gitignore': 'text',
  '.gitattributes': 'text',
};

/** The language of a path, from its file name alone (content never changes the answer). */
export function languageOf(path: string): Language | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const byName = BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

export function isParsedLanguage(language: Language | null): language is ParsedLanguage {
  return language !== null && (PARSED_LANGUAGES as readonly string[]).includes(language);
}

const UNPARSED_CODE: ReadonlySet<Language> = new Set([
  'rust',
  'c',
  'cpp',
  'csharp',
  'ruby',
  'php',
  'kotlin',
  'shell',
  'sql',
]);

/** Whether a language is program code (a task changes it) rather than docs, data or config. */
export function isCodeLanguage(language: Language | null): boolean {
  return isParsedLanguage(language) || (language !== null && UNPARSED_CODE.has(language));
}
