import { summariseSource } from '@patchbay/repo-intel';
import type { SandboxClient } from '@patchbay/sandbox-client';
import { z } from 'zod';
import { ChangeBudget, normalisePath } from './path-rules';
import { fileOutline, syntaxError } from './syntax-check';

export interface ToolReporter {
  fileModified(path: string, change: 'created' | 'edited' | 'deleted' | 'patched', stats: { additions: number; deletions: number }): Promise<void>;
  commandExecuted(command: string, exitCode: number | null, durationMs: number, output: string, timedOut: boolean): Promise<void>;
}

interface CodingToolDefinition {
  name: string;
  description: string;
  schema: z.ZodObject;
  run(args: Record<string, unknown>): Promise<string>;
}

const OUTPUT_LIMIT = 12_000;
const COMMAND_TIMEOUT_MS = 120_000;

function tail(text: string, limit = OUTPUT_LIMIT): string {
  return text.length > limit ? `…(${text.length - limit} characters cut)\n${text.slice(-limit)}` : text;
}

function lineStats(before: string, after: string): { additions: number; deletions: number } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { additions: endB - start, deletions: endA - start };
}

/** A tool failure the model should see and react to, rather than a crash of the loop. */
export class ToolRefusal extends Error {}

/**
 * The coding tools of DESIGN.md, acting only through the sandbox service: every path is
 * confined to the task's workspace by the sandbox, and every change is checked against the
 * task's constraints here before it is made.
 */
export function createCodingTools(sandbox: SandboxClient, sandboxId: string, budget: ChangeBudget, reporter: ToolReporter): CodingToolDefinition[] {
  const readWhole = async (path: string): Promise<string | null> => {
    try {
      return (await sandbox.readFile(sandboxId, path)).content;
    } catch {
      return null;
    }
  };
  const guardedWrite = async (path: string, content: string, change: 'created' | 'edited', before: string): Promise<string> => {
    const refusal = budget.refusal(path);
    if (refusal) throw new ToolRefusal(`not allowed: ${refusal}`);
    const error = syntaxError(path, content);
    if (error) throw new ToolRefusal(`the change was not applied because ${path} would no longer parse: ${error}`);
    await sandbox.writeFile(sandboxId, path, content);
    budget.record(path);
    const stats = lineStats(before, content);
    await reporter.fileModified(normalisePath(path), change, stats);
    return `${change} ${path} (+${stats.additions} -${stats.deletions})`;
  };

  return [
    {
      name: 'read_file',
      description: 'Read a file of the repository, optionally only lines start..end (1-based, inclusive).',
      schema: z.object({ path: z.string(), start: z.number().int().min(1).optional(), end: z.number().int().min(1).optional() }),
      run: async ({ path, start, end }) => {
        const file = await sandbox.readFile(sandboxId, String(path), { startLine: start as number | undefined, endLine: end as number | undefined });
        const numbered = file.content.split('\n').map((line, i) => `${file.startLine + i}\t${line}`).join('\n');
        return `${file.path} (lines ${file.startLine}-${file.endLine} of ${file.totalLines})\n${tail(numbered)}`;
      },
    },
    {
      name: 'list_directory',
      description: 'List a directory of the repository (recursive optional). .git and ignored files are left out.',
      schema: z.object({ path: z.string().default('.'), recursive: z.boolean().optional() }),
      run: async ({ path, recursive }) => {
        const listing = await sandbox.list(sandboxId, String(path ?? '.'), { recursive: Boolean(recursive), maxEntries: 1_000 });
        return listing.entries.map((e) => `${e.type === 'directory' ? 'd' : '-'} ${e.path}`).join('\n') + (listing.truncated ? '\n…(truncated)' : '');
      },
    },
    {
      name: 'search_files',
      description: 'Search the repository with a regular expression (ripgrep), optionally limited to a glob such as "src/**/*.ts".',
      schema: z.object({ pattern: z.string(), glob: z.string().optional() }),
      run: async ({ pattern, glob }) => {
        const result = await sandbox.search(sandboxId, { pattern: String(pattern), glob: glob as string | undefined, maxResults: 200 });
        if (result.matches.length === 0) return 'no matches';
        return result.matches.map((m) => `${m.path}:${m.line}: ${m.text}`).join('\n') + (result.truncated ? '\n…(truncated)' : '');
      },
    },
    {
      name: 'get_file_summary',
      description: 'Outline of a source file: imports, classes, functions and exports, with line numbers.',
      schema: z.object({ path: z.string() }),
      run: async ({ path }) => {
        const content = await readWhole(String(path));
        if (content === null) throw new ToolRefusal(`${String(path)} does not exist`);
        // The workspace may hold edits not yet committed, so the outline is of this content;
        // languages without a tree-sitter grammar fall back to the line-based outline.
        return (await summariseSource(String(path), content))?.text ?? fileOutline(String(path), content);
      },
    },
    {
      name: 'edit_file',
      description: 'Replace one exact, unique occurrence of `old` with `new` in a file. Include enough context in `old` to make it unique.',
      schema: z.object({ path: z.string(), old: z.string().min(1), new: z.string() }),
      run: async (args) => {
        const path = String(args['path']);
        const content = await readWhole(path);
        if (content === null) throw new ToolRefusal(`${path} does not exist; use create_file`);
        const old = String(args['old']);
        const count = content.split(old).length - 1;
        if (count === 0) throw new ToolRefusal(`the text to replace was not found in ${path}; read the file and copy it exactly`);
        if (count > 1) throw new ToolRefusal(`the text to replace occurs ${count} times in ${path}; include more context to make it unique`);
        return guardedWrite(path, content.replace(old, () => String(args['new'])), 'edited', content);
      },
    },
    {
      name: 'create_file',
      description: 'Create a new file with the given content (fails if it exists; use edit_file to change a file).',
      schema: z.object({ path: z.string(), content: z.string() }),
      run: async ({ path, content }) => {
        if ((await readWhole(String(path))) !== null) throw new ToolRefusal(`${String(path)} already exists; use edit_file`);
        return guardedWrite(String(path), String(content), 'created', '');
      },
    },
    {
      name: 'delete_file',
      description: 'Delete a file of the repository.',
      schema: z.object({ path: z.string() }),
      run: async ({ path }) => {
        const refusal = budget.refusal(String(path));
        if (refusal) throw new ToolRefusal(`not allowed: ${refusal}`);
        const before = await readWhole(String(path));
        if (before === null) throw new ToolRefusal(`${String(path)} does not exist`);
        await sandbox.deleteFile(sandboxId, String(path));
        budget.record(String(path));
        await reporter.fileModified(normalisePath(String(path)), 'deleted', { additions: 0, deletions: before.split('\n').length });
        return `deleted ${String(path)}`;
      },
    },
    {
      name: 'apply_diff',
      description: 'Apply a unified diff (as produced by git diff) to the repository.',
      schema: z.object({ diff: z.string().min(1) }),
      run: async ({ diff }) => {
        const text = String(diff);
        const files = [...text.matchAll(/^\+\+\+ (?:b\/)?(\S+)/gm)].map((m) => m[1]!).filter((f) => f !== '/dev/null');
        for (const file of files) {
          const refusal = budget.refusal(file);
          if (refusal) throw new ToolRefusal(`not allowed: ${refusal}`);
        }
        const patchPath = `/tmp/patchbay-${Date.now()}.diff`;
        // The diff travels base64-encoded in an environment variable, so the shell never interprets it.
        const encoded = Buffer.from(text.endsWith('\n') ? text : `${text}\n`).toString('base64');
        const result = await sandbox.exec(sandboxId, { command: `printf '%s' "$PATCH_B64" | base64 -d > ${patchPath} && git apply --whitespace=nowarn ${patchPath}; status=$?; rm -f ${patchPath}; exit $status`, env: { PATCH_B64: encoded }, timeoutMs: 30_000 });
        if (result.exitCode !== 0) throw new ToolRefusal(`the diff does not apply: ${tail(result.stderr || result.stdout, 2_000)}`);
        for (const file of files) {
          budget.record(file);
          await reporter.fileModified(normalisePath(file), 'patched', { additions: 0, deletions: 0 });
        }
        return `applied to ${files.join(', ')}`;
      },
    },
    {
      name: 'run_command',
      description: 'Run a shell command in the repository (no network). Use it to run tests or inspect output.',
      schema: z.object({ command: z.string().min(1) }),
      run: async ({ command }) => {
        const result = await sandbox.exec(sandboxId, { command: String(command), timeoutMs: COMMAND_TIMEOUT_MS });
        const output = `${result.stdout}${result.stderr ? `\n[stderr]\n${result.stderr}` : ''}`;
        await reporter.commandExecuted(String(command), result.exitCode, result.durationMs, tail(output, 2_000), result.timedOut);
        const status = result.timedOut ? `timed out after ${COMMAND_TIMEOUT_MS / 1000} s` : `exit code ${result.exitCode}`;
        return `${status}\n${tail(output)}`;
      },
    },
  ];
}
