import { Injectable } from '@nestjs/common';
import type {
  FileEntry,
  ListFilesResponse,
  ReadFileResponse,
  SearchMatch,
  SearchResponse,
  WriteFileResponse,
} from '@patchbay/contracts';
import { ContainerManager } from './container-manager.service';
import { compileIgnoreGlobs } from './ignore-glob';
import { SandboxBadRequestError, SandboxError, WorkspaceFileNotFoundError } from './sandbox-errors';
import type { SandboxRecord } from './sandbox-record';
import { isInsideWorkspace, toRelativeWorkspacePath, toWorkspacePath, WorkspacePathError } from './workspace-path';

export const MAX_READ_BYTES = 10 * 1024 * 1024;

/**
 * Shell prologue shared by every file operation: resolves "$1" inside the container (so symlinks
 * are followed exactly as the sandbox sees them) and refuses a result outside /workspace.
 * Exit codes: 3 missing, 4 escapes the workspace.
 */
const RESOLVE_EXISTING = [
  'p=$(realpath -e -- "$1" 2>/dev/null) || exit 3',
  'case "$p" in /workspace|/workspace/*) ;; *) echo "$p" >&2; exit 4;; esac',
].join('; ');

const RESOLVE_TARGET = [
  'p=$(realpath -m -- "$1" 2>/dev/null) || exit 3',
  'case "$p" in /workspace|/workspace/*) ;; *) echo "$p" >&2; exit 4;; esac',
].join('; ');

const READ_SCRIPT = `${RESOLVE_EXISTING}; [ -d "$p" ] && exit 5; head -c ${MAX_READ_BYTES + 1} -- "$p"`;
const WRITE_SCRIPT = `${RESOLVE_TARGET}; [ -d "$p" ] && exit 5; mkdir -p -- "$(dirname -- "$p")" && cat > "$p"`;
/** Resolves the parent only: deleting a symlink removes the link, never what it points to. */
const DELETE_SCRIPT = [
  'd=$(realpath -e -- "$(dirname -- "$1")" 2>/dev/null) || exit 3',
  't="$d/$(basename -- "$1")"',
  'case "$t" in /workspace/*) ;; *) echo "$t" >&2; exit 4;; esac',
  '[ -e "$t" ] || [ -L "$t" ] || exit 3',
  'rm -rf -- "$t"',
].join('; ');
/** Lists with .gitignore rules when the directory is in a git work tree, with find otherwise. */
const LIST_SCRIPT = [
  RESOLVE_EXISTING,
  '[ -d "$p" ] || exit 6',
  'cd "$p"',
  'if [ "$2" = recursive ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then echo GIT; git ls-files -co --exclude-standard -z . ; exit 0; fi',
  'echo FIND',
  'if [ "$2" = recursive ]; then find . -mindepth 1 -name .git -prune -o -mindepth 1 -printf "%y %P\\0"; else find . -mindepth 1 -maxdepth 1 -printf "%y %P\\0"; fi',
].join('; ');
const SEARCH_SCRIPT = `${RESOLVE_EXISTING}; shift; exec rg --json --no-config "$@" -- "$p"`;

@Injectable()
export class WorkspaceFilesService {
  constructor(private readonly containers: ContainerManager) {}

  async read(record: SandboxRecord, path: string, startLine?: number, endLine?: number): Promise<ReadFileResponse> {
    if (startLine !== undefined && endLine !== undefined && endLine < startLine) {
      throw new SandboxBadRequestError('endLine must not be less than startLine');
    }
    const target = confine(path);
    const result = await this.containers.run(record.containerId, [
      '/bin/bash',
      '-c',
      READ_SCRIPT,
      'patchbay-read',
      target,
    ]);
    this.raiseFor(result.exitCode, path, result.stderr);
    if (result.stdout.length > MAX_READ_BYTES) {
      throw new SandboxBadRequestError(
        `"${path}" is larger than ${MAX_READ_BYTES} bytes; read it in line ranges with exec instead`,
      );
    }
    const text = result.stdout.toString('utf8');
    const lines = text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
    const first = startLine ?? 1;
    const last = Math.min(endLine ?? lines.length, lines.length);
    const selected = startLine === undefined && endLine === undefined ? text : lines.slice(first - 1, last).join('\n');
    return {
      path: toRelativeWorkspacePath(target),
      content: selected,
      totalLines: lines.length,
      startLine: first,
      endLine: last,
    };
  }

  async write(record: SandboxRecord, path: string, content: string): Promise<WriteFileResponse> {
    const target = confine(path);
    if (target === '/workspace') throw new SandboxBadRequestError('path must name a file, not the workspace root');
    const bytes = Buffer.from(content, 'utf8');
    const result = await this.containers.run(
      record.containerId,
      ['/bin/bash', '-c', WRITE_SCRIPT, 'patchbay-write', target],
      bytes,
    );
    this.raiseFor(result.exitCode, path, result.stderr);
    return { path: toRelativeWorkspacePath(target), bytes: bytes.length };
  }

  async remove(record: SandboxRecord, path: string): Promise<void> {
    const target = confine(path);
    if (target === '/workspace') throw new SandboxBadRequestError('the workspace root cannot be deleted');
    const result = await this.containers.run(record.containerId, [
      '/bin/bash',
      '-c',
      DELETE_SCRIPT,
      'patchbay-delete',
      target,
    ]);
    this.raiseFor(result.exitCode, path, result.stderr);
  }

  async list(
    record: SandboxRecord,
    path: string,
    recursive: boolean,
    ignore: string | undefined,
    maxEntries: number,
  ): Promise<ListFilesResponse> {
    const target = confine(path);
    const result = await this.containers.run(record.containerId, [
      '/bin/bash',
      '-c',
      LIST_SCRIPT,
      'patchbay-list',
      target,
      recursive ? 'recursive' : 'flat',
    ]);
    this.raiseFor(result.exitCode, path, result.stderr);
    const output = result.stdout.toString('utf8');
    const mode = output.slice(0, output.indexOf('\n'));
    const items = output
      .slice(mode.length + 1)
      .split('\0')
      .filter((item) => item.length > 0);
    const ignored = compileIgnoreGlobs(ignore ? ignore.split(',') : []);
    const prefix = target === '/workspace' ? '' : `${toRelativeWorkspacePath(target)}/`;
    const entries = new Map<string, FileEntry['type']>();
    for (const item of items) {
      if (mode === 'GIT') {
        const parts = item.split('/');
        for (let depth = 1; depth < parts.length; depth++) entries.set(parts.slice(0, depth).join('/'), 'directory');
        entries.set(item, 'file');
      } else {
        const type = item[0] === 'd' ? 'directory' : item[0] === 'l' ? 'symlink' : 'file';
        entries.set(item.slice(2), type);
      }
    }
    const visible = [...entries.entries()]
      .filter(([relative]) => !ignored(relative))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([relative, type]) => ({ path: `${prefix}${relative}`, type }));
    return {
      path: toRelativeWorkspacePath(target),
      entries: visible.slice(0, maxEntries),
      truncated: visible.length > maxEntries,
    };
  }

  async search(
    record: SandboxRecord,
    options: {
      pattern: string;
      path?: string;
      glob?: string;
      fixedStrings?: boolean;
      caseInsensitive?: boolean;
      maxResults: number;
    },
  ): Promise<SearchResponse> {
    const target = confine(options.path ?? '.');
    const args = ['-e', options.pattern];
    if (options.fixedStrings) args.push('--fixed-strings');
    if (options.caseInsensitive) args.push('--ignore-case');
    if (options.glob) args.push('--glob', options.glob);
    const result = await this.containers.run(record.containerId, [
      '/bin/bash',
      '-c',
      SEARCH_SCRIPT,
      'patchbay-search',
      target,
      ...args,
    ]);
    if (result.exitCode === 2) {
      throw new SandboxBadRequestError(`search failed: ${result.stderr.toString('utf8').trim().slice(0, 2_000)}`);
    }
    if (result.exitCode !== 1) this.raiseFor(result.exitCode, options.path ?? '.', result.stderr);
    const matches: SearchMatch[] = [];
    let truncated = false;
    for (const line of result.stdout.toString('utf8').split('\n')) {
      if (!line.startsWith('{"type":"match"')) continue;
      if (matches.length >= options.maxResults) {
        truncated = true;
        break;
      }
      const match = parseRipgrepMatch(line);
      if (match && isInsideWorkspace(match.path)) matches.push({ ...match, path: toRelativeWorkspacePath(match.path) });
    }
    return { matches, truncated };
  }

  private raiseFor(exitCode: number | null, path: string, stderr: Buffer): void {
    switch (exitCode) {
      case 0:
        return;
      case 3:
        throw new WorkspaceFileNotFoundError(path);
      case 4:
        throw new SandboxBadRequestError(`"${path}" resolves outside /workspace (through a symlink) and was refused`);
      case 5:
        throw new SandboxBadRequestError(`"${path}" is a directory`);
      case 6:
        throw new SandboxBadRequestError(`"${path}" is not a directory`);
      default:
        throw new SandboxError(
          500,
          'Internal Server Error',
          `file operation on "${path}" failed: ${stderr.toString('utf8').trim().slice(0, 2_000)}`,
        );
    }
  }
}

function confine(path: string): string {
  try {
    return toWorkspacePath(path);
  } catch (error) {
    if (error instanceof WorkspacePathError) throw new SandboxBadRequestError(error.message);
    throw error;
  }
}

export function parseRipgrepMatch(line: string): SearchMatch | null {
  const parsed: unknown = JSON.parse(line);
  if (typeof parsed !== 'object' || parsed === null || !('data' in parsed)) return null;
  const data = parsed.data;
  if (typeof data !== 'object' || data === null) return null;
  const {
    path,
    line_number: lineNumber,
    lines,
  } = data as { path?: { text?: unknown }; line_number?: unknown; lines?: { text?: unknown } };
  if (typeof path?.text !== 'string' || typeof lineNumber !== 'number' || typeof lines?.text !== 'string') return null;
  return { path: path.text, line: lineNumber, text: lines.text.replace(/\n$/, '') };
}
