import type { SandboxClient } from '@patchbay/sandbox-client';
import { z } from 'zod';
import { fileOutline } from './file-outline';
import { toolOutput } from './tool-output';
import { ToolRefusal, type WorkspaceTool } from './workspace-tool';

/** One page of read_file: a screenful a model can take in, and at most TOOL_OUTPUT_LIMIT characters. */
export const READ_PAGE_LINES = 400;
const READ_PAGE_CHARS = 12_000;
const SEARCH_RESULTS = 200;
const LIST_ENTRIES = 1_000;

export interface ReadOnlyToolOptions {
  /** Paths the repository keeps out of the model's context (`.patchbay.yml` `exclude`); hidden from every tool. */
  isExcluded?: (path: string) => boolean;
  /**
   * Ranks the repository's files for a description (repository intelligence at the base commit).
   * The tool is offered only when this is given.
   */
  localize?: (query: string) => Promise<string>;
}

/**
 * The tools that look at the workspace without changing it, shared by the planner (which gets
 * only these) and the coder. Every path is confined to the task's workspace by the sandbox.
 */
export function createReadOnlyTools(
  sandbox: SandboxClient,
  sandboxId: string,
  options: ReadOnlyToolOptions = {},
): WorkspaceTool[] {
  const excluded = options.isExcluded ?? (() => false);
  const refuseExcluded = (path: string) => {
    if (excluded(normalise(path)))
      throw new ToolRefusal(`${path} is excluded from the agent's context by the repository's configuration`);
  };
  const tools: WorkspaceTool[] = [
    {
      name: 'read_file',
      description:
        `Read a file of the repository with line numbers, one page (up to ${READ_PAGE_LINES} lines) at a time. ` +
        'Give start (1-based) and optionally end to read a range; the reply says which lines of how many it shows and where the next page starts.',
      schema: z.object({
        path: z.string().min(1),
        start: z.number().int().min(1).optional(),
        end: z.number().int().min(1).optional(),
      }),
      run: async ({ path, start, end }) => {
        refuseExcluded(String(path));
        const first = (start as number | undefined) ?? 1;
        const last = Math.min((end as number | undefined) ?? first + READ_PAGE_LINES - 1, first + READ_PAGE_LINES - 1);
        if (last < first) throw new ToolRefusal(`end (${last}) is before start (${first})`);
        const file = await sandbox.readFile(sandboxId, String(path), { startLine: first, endLine: last });
        return readPage(file.path, file.content, file.startLine, file.totalLines);
      },
    },
    {
      name: 'list_directory',
      description: `List a directory of the repository (recursive optional, at most ${LIST_ENTRIES} entries). .git and ignored files are left out.`,
      schema: z.object({ path: z.string().default('.'), recursive: z.boolean().optional() }),
      run: async ({ path, recursive }) => {
        refuseExcluded(String(path ?? '.'));
        const listing = await sandbox.list(sandboxId, String(path ?? '.'), {
          recursive: Boolean(recursive),
          maxEntries: LIST_ENTRIES,
        });
        const entries = listing.entries.filter((entry) => !excluded(entry.path));
        if (entries.length === 0) return `${String(path ?? '.')} is empty`;
        return (
          entries.map((entry) => `${entry.type === 'directory' ? 'd' : '-'} ${entry.path}`).join('\n') +
          (listing.truncated ? `\n…(more than ${LIST_ENTRIES} entries; list a subdirectory)` : '')
        );
      },
    },
    {
      name: 'search_files',
      description: `Search the repository's files with a regular expression (ripgrep syntax), optionally limited to a glob such as "src/**/*.ts"; at most ${SEARCH_RESULTS} matching lines.`,
      schema: z.object({ pattern: z.string().min(1), glob: z.string().optional() }),
      run: async ({ pattern, glob }) =>
        matches(
          await sandbox.search(sandboxId, {
            pattern: String(pattern),
            glob: glob as string | undefined,
            maxResults: SEARCH_RESULTS,
          }),
          excluded,
        ),
    },
    {
      name: 'find_references',
      description:
        'Find where an identifier (a function, class, variable or method name) is defined and used: every whole-word occurrence, with file and line.',
      schema: z.object({
        symbol: z.string().regex(/^[\p{L}_$][\p{L}\p{N}_$]*$/u, 'an identifier: letters, digits, _ or $'),
        glob: z.string().optional(),
      }),
      run: async ({ symbol, glob }) => {
        const pattern = `\\b${String(symbol).replace(/\$/g, '\\$')}\\b`;
        return matches(
          await sandbox.search(sandboxId, { pattern, glob: glob as string | undefined, maxResults: SEARCH_RESULTS }),
          excluded,
        );
      },
    },
    {
      name: 'get_file_summary',
      description:
        'Outline of a source file: imports, classes, functions and exports, with their line ranges. Cheaper than reading a long file.',
      schema: z.object({ path: z.string().min(1) }),
      run: async ({ path }) => {
        refuseExcluded(String(path));
        const file = await sandbox.readFile(sandboxId, String(path)).catch(() => null);
        if (!file) throw new ToolRefusal(`${String(path)} does not exist`);
        // Of the workspace's content, which may hold edits not yet committed.
        return toolOutput(await fileOutline(String(path), file.content));
      },
    },
  ];
  const { localize } = options;
  if (localize) {
    tools.push({
      name: 'localize',
      description:
        "Rank the repository's files by how likely they are to be involved in a described behaviour or bug, with the evidence and the symbols that matched.",
      schema: z.object({ query: z.string().min(3) }),
      run: async ({ query }) => toolOutput(await localize(String(query))),
    });
  }
  return tools;
}

/** Numbered lines from `startLine`, cut to one page's characters, with where they are in the file and how to go on. */
export function readPage(path: string, content: string, startLine: number, totalLines: number): string {
  if (totalLines === 0) return `${path} is empty`;
  const lines = content.replace(/\n$/, '').split('\n');
  const shown: string[] = [];
  let chars = 0;
  for (const [index, line] of lines.entries()) {
    const numbered = `${startLine + index}\t${line}`;
    // Always at least one line, cut if it alone is over the page (minified code).
    if (shown.length > 0 && chars + numbered.length + 1 > READ_PAGE_CHARS) break;
    shown.push(
      numbered.length > READ_PAGE_CHARS
        ? `${numbered.slice(0, READ_PAGE_CHARS)} …[line cut at ${READ_PAGE_CHARS} characters]`
        : numbered,
    );
    chars += numbered.length + 1;
  }
  const lastLine = startLine + shown.length - 1;
  const next = lastLine < totalLines ? `\n[more: read_file with start=${lastLine + 1} for the next page]` : '';
  return `${path} (lines ${startLine}-${lastLine} of ${totalLines})\n${shown.join('\n')}${next}`;
}

function matches(
  result: { matches: { path: string; line: number; text: string }[]; truncated: boolean },
  excluded: (path: string) => boolean,
): string {
  const visible = result.matches.filter((match) => !excluded(match.path));
  if (visible.length === 0) return 'no matches';
  return toolOutput(
    visible.map((match) => `${match.path}:${match.line}: ${match.text}`).join('\n') +
      (result.truncated ? `\n…(more than ${SEARCH_RESULTS} matches; narrow the pattern or add a glob)` : ''),
  );
}

function normalise(path: string): string {
  return path.replace(/^\.\/+/, '').replace(/\/+$/, '');
}
