import { type FileData, parseDiff } from 'react-diff-view';

/** One file of a unified diff, as the diff view's tabs and panes show it. */
export interface DiffFile {
  /** Stable within one diff: the path plus the position, since a path may appear twice (rename + edit). */
  key: string;
  path: string;
  /** The path before a rename, else null. */
  previousPath: string | null;
  type: FileData['type'];
  additions: number;
  deletions: number;
  data: FileData;
}

const NO_FILE = '/dev/null';

/** Splits a unified (git) diff into files with +/- counts. An empty diff has no files. */
export function diffFiles(diff: string): DiffFile[] {
  if (diff.trim() === '') return [];
  return parseDiff(diff.replace(/\r\n/g, '\n'), { nearbySequences: 'zip' }).flatMap((data, index) => {
    const path = data.newPath && data.newPath !== NO_FILE ? data.newPath : data.oldPath;
    if (!path || path === NO_FILE) return [];
    let additions = 0;
    let deletions = 0;
    for (const hunk of data.hunks) {
      for (const change of hunk.changes) {
        if (change.type === 'insert') additions += 1;
        else if (change.type === 'delete') deletions += 1;
      }
    }
    const renamed =
      data.type === 'rename' || (data.oldPath !== data.newPath && data.oldPath !== NO_FILE && data.newPath !== NO_FILE);
    return [
      {
        key: `${index}:${path}`,
        path,
        previousPath: renamed ? data.oldPath : null,
        type: data.type,
        additions,
        deletions,
        data,
      },
    ];
  });
}

const LANGUAGES: Record<string, string> = {
  js: 'javascript',
  cjs: 'javascript',
  mjs: 'javascript',
  jsx: 'jsx',
  ts: 'typescript',
  cts: 'typescript',
  mts: 'typescript',
  tsx: 'tsx',
  json: 'json',
  css: 'css',
  scss: 'css',
  html: 'markup',
  htm: 'markup',
  xml: 'markup',
  svg: 'markup',
  vue: 'markup',
  md: 'markdown',
  markdown: 'markdown',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  ini: 'ini',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  php: 'php',
  swift: 'swift',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  sql: 'sql',
};

const FILE_NAMES: Record<string, string> = {
  dockerfile: 'docker',
  makefile: 'makefile',
  '.bashrc': 'bash',
  '.env': 'bash',
};

/** The syntax-highlighting language of a file, from its name; null when there is none to apply. */
export function languageOf(path: string): string | null {
  const name = (path.split('/').at(-1) ?? '').toLowerCase();
  if (FILE_NAMES[name]) return FILE_NAMES[name] ?? null;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return LANGUAGES[name.slice(dot + 1)] ?? null;
}
