import type { TestFailure } from '@patchbay/contracts';
import { failure, stripAnsi, toRepositoryPath, type ParsedTestRun } from './parsed-test-run';

/**
 * Reads the problems a linter printed, in the two layouts nearly every linter offers by default:
 * one problem a line, `path:line[:col]: message` (flake8, ruff, go vet, eslint's unix format,
 * `tsc --pretty false` as `path(line,col): message`), or ESLint's "stylish" blocks (a path line,
 * then `  line:col  error  message  rule`). Line and column are left out of the identity so a
 * problem keeps its name when an edit above it moves it. Null when nothing was recognised.
 */
export function parseLintOutput(output: string): ParsedTestRun | null {
  const failures: TestFailure[] = [];
  let stylishFile: string | undefined;
  for (const rawLine of stripAnsi(output).split('\n')) {
    const line = rawLine.replace(/\s+$/, '');
    if (!line) {
      stylishFile = undefined;
      continue;
    }
    const single = singleLineProblem(line);
    if (single) {
      failures.push(failure(single.message, toRepositoryPath(single.file), line.trim()));
      continue;
    }
    if (!/^\s/.test(line) && looksLikePath(line)) {
      stylishFile = toRepositoryPath(line.trim());
      continue;
    }
    const stylish = stylishFile ? /^\s+\d+:\d+\s+(error|warning)\s+(.+)$/.exec(line) : null;
    if (stylish && stylish[1] === 'error')
      failures.push(failure(stylish[2].replace(/\s{2,}/g, '  ').trim(), stylishFile, line.trim()));
  }
  if (failures.length === 0) return null;
  return { passed: 0, failed: failures.length, skipped: 0, failures };
}

function singleLineProblem(line: string): { file: string; message: string } | null {
  const colon = /^(\.{0,2}\/?[\w@./-]+\.\w+):\d+(?::\d+)?:\s*(.+)$/.exec(line);
  if (colon) return { file: colon[1], message: colon[2] };
  const parenthesised = /^([\w@./-]+\.\w+)\(\d+,\d+\):\s*(.+)$/.exec(line);
  if (parenthesised) return { file: parenthesised[1], message: parenthesised[2] };
  return null;
}

function looksLikePath(line: string): boolean {
  return /^(\/|\.{0,2}\/)?[\w@.-]+(\/[\w@.-]+)*\.\w+$/.test(line.trim());
}
