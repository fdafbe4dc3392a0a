import type { SandboxNetworkMode } from '@patchbay/contracts';
import { commandOutputExcerpt, type CommandOutputExcerpt } from '@patchbay/observability';
import type { SandboxClient } from '@patchbay/sandbox-client';
import { createReadOnlyTools, ToolRefusal, toolOutput, type WorkspaceTool } from '@patchbay/workspace-tools';
import { z } from 'zod';
import { ChangeBudget, normalisePath } from './path-rules';
import { diffFileChanges, type DiffFileChange } from './unified-diff-files';
import { gateWriteSyntax } from './write-syntax-gate';

export interface ToolReporter {
  fileModified(
    path: string,
    change: 'created' | 'edited' | 'deleted' | 'patched',
    stats: { additions: number; deletions: number },
  ): Promise<void>;
  /** `output` is the excerpt the live log shows: head and tail of each stream, secrets masked. */
  commandExecuted(
    command: string,
    exitCode: number | null,
    durationMs: number,
    output: CommandOutputExcerpt,
    timedOut: boolean,
  ): Promise<void>;
}

const COMMAND_TIMEOUT_MS = 120_000;
/** The sandbox API takes environment values up to 32 KiB; a larger diff travels in several. */
const ENV_VALUE_LIMIT = 32_000;

/** A text's lines; the newline that ends the last line does not start another, and '' has none. */
function linesOf(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

function lineStats(before: string, after: string): { additions: number; deletions: number } {
  const a = linesOf(before);
  const b = linesOf(after);
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

export { ToolRefusal };

/** What run_command's description says about the network, which must be true of the sandbox. */
const NETWORK_NOTES: Record<SandboxNetworkMode, string> = {
  none: 'no network',
  registries: 'network limited to the package registries',
};

/**
 * The coding tools (docs/pipeline.md), acting only through the sandbox service: every path is
 * confined to the task's workspace by the sandbox, and every change is checked against the
 * task's constraints here before it is made.
 */
/** `signal` is the task's cancellation: aborting it closes the running command's request, and the sandbox kills the command. */
export function createCodingTools(
  sandbox: SandboxClient,
  sandboxId: string,
  budget: ChangeBudget,
  reporter: ToolReporter,
  network: SandboxNetworkMode = 'none',
  isExcluded?: (path: string) => boolean,
  signal?: AbortSignal,
): WorkspaceTool[] {
  const readWhole = async (path: string): Promise<string | null> => {
    try {
      return (await sandbox.readFile(sandboxId, path)).content;
    } catch {
      return null;
    }
  };
  const guardedWrite = async (
    path: string,
    content: string,
    change: 'created' | 'edited',
    before: string | null,
  ): Promise<string> => {
    const refusal = budget.refusal(path);
    if (refusal) throw new ToolRefusal(`not allowed: ${refusal}`);
    const syntax = await gateWriteSyntax(path, before, content);
    if (!syntax.allowed)
      throw new ToolRefusal(
        `${change === 'created' ? 'the file was not created' : 'the change was not applied'} because ${syntax.reason}`,
      );
    await sandbox.writeFile(sandboxId, path, content);
    budget.record(path);
    const stats = lineStats(before ?? '', content);
    await reporter.fileModified(normalisePath(path), change, stats);
    return `${change} ${path} (+${stats.additions} -${stats.deletions})${syntax.note ? `\nnote: ${syntax.note}` : ''}`;
  };
  /** Runs `git apply <flags>` on the diff in the workspace; the diff never passes through the shell's parser. */
  const gitApply = (diff: string, flags: string) => {
    const encoded = Buffer.from(diff.endsWith('\n') ? diff : `${diff}\n`).toString('base64');
    const chunks = encoded.match(new RegExp(`.{1,${ENV_VALUE_LIMIT}}`, 'g')) ?? [];
    const env = Object.fromEntries(chunks.map((chunk, index) => [`PATCH_B64_${index}`, chunk]));
    const parts = chunks.map((_, index) => `"$PATCH_B64_${index}"`).join(' ');
    return sandbox.exec(sandboxId, {
      command: `patch_file=$(mktemp) && printf '%s' ${parts} | base64 -d > "$patch_file" && git apply ${flags} "$patch_file"; status=$?; rm -f "$patch_file"; exit $status`,
      env,
      timeoutMs: 30_000,
    });
  };
  /**
   * Puts the files of a refused diff back as they were: `git apply -R` undoes exactly what was
   * applied (modes, renames, binary files); the contents read before are the fallback.
   */
  const undoDiff = async (
    diff: string,
    changes: DiffFileChange[],
    before: ReadonlyMap<string, string | null>,
  ): Promise<void> => {
    if ((await gitApply(diff, '-R --whitespace=nowarn')).exitCode === 0) return;
    for (const { from, to } of changes)
      if (to !== null && to !== from) await sandbox.deleteFile(sandboxId, to).catch(() => undefined);
    for (const [path, content] of before) if (content !== null) await sandbox.writeFile(sandboxId, path, content);
  };

  return [
    ...createReadOnlyTools(sandbox, sandboxId, { isExcluded }),
    {
      name: 'edit_file',
      description:
        'Replace one exact, unique occurrence of `old` with `new` in a file. Include enough context in `old` to make it unique.',
      schema: z.object({ path: z.string(), old: z.string().min(1), new: z.string() }),
      run: async (args) => {
        const path = String(args['path']);
        const content = await readWhole(path);
        if (content === null) throw new ToolRefusal(`${path} does not exist; use create_file`);
        const old = String(args['old']);
        const count = content.split(old).length - 1;
        if (count === 0)
          throw new ToolRefusal(`the text to replace was not found in ${path}; read the file and copy it exactly`);
        if (count > 1)
          throw new ToolRefusal(
            `the text to replace occurs ${count} times in ${path}; include more context to make it unique`,
          );
        return guardedWrite(
          path,
          content.replace(old, () => String(args['new'])),
          'edited',
          content,
        );
      },
    },
    {
      name: 'create_file',
      description: 'Create a new file with the given content (fails if it exists; use edit_file to change a file).',
      schema: z.object({ path: z.string(), content: z.string() }),
      run: async ({ path, content }) => {
        if ((await readWhole(String(path))) !== null)
          throw new ToolRefusal(`${String(path)} already exists; use edit_file`);
        return guardedWrite(String(path), String(content), 'created', null);
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
        await reporter.fileModified(normalisePath(String(path)), 'deleted', {
          additions: 0,
          deletions: before.split('\n').length,
        });
        return `deleted ${String(path)}`;
      },
    },
    {
      name: 'apply_diff',
      description: 'Apply a unified diff (as produced by git diff) to the repository.',
      schema: z.object({ diff: z.string().min(1) }),
      run: async ({ diff }) => {
        const text = String(diff);
        const changes = diffFileChanges(text);
        if (changes.length === 0)
          throw new ToolRefusal(
            'the diff names no file: give each file its ---/+++ lines (or diff --git header), as git diff prints them',
          );
        const paths = [
          ...new Set(changes.flatMap(({ from, to }) => [from, to]).filter((path): path is string => path !== null)),
        ];
        for (const path of paths) {
          const refusal = budget.refusal(path);
          if (refusal) throw new ToolRefusal(`not allowed: ${refusal}`);
        }
        const before = new Map<string, string | null>();
        for (const { from } of changes) if (from !== null && !before.has(from)) before.set(from, await readWhole(from));
        const applied = await gitApply(text, '--whitespace=nowarn');
        if (applied.exitCode !== 0)
          throw new ToolRefusal(`the diff does not apply: ${toolOutput(applied.stderr || applied.stdout, 2_000)}`);
        // The same gate as edit_file and create_file, on each file as the diff left it.
        const reports: Array<{
          path: string;
          change: 'created' | 'deleted' | 'patched';
          before: string;
          after: string;
        }> = [];
        const refusals: string[] = [];
        const notes: string[] = [];
        for (const { from, to } of changes) {
          const previous = from === null ? null : (before.get(from) ?? null);
          if (to === null) {
            reports.push({ path: from!, change: 'deleted', before: previous ?? '', after: '' });
            continue;
          }
          const after = await readWhole(to);
          const change = from === null ? 'created' : 'patched';
          // A file the file API cannot read back (larger than it serves) is reported unchecked.
          if (after === null) {
            reports.push({ path: to, change, before: '', after: '' });
            continue;
          }
          const syntax = await gateWriteSyntax(to, previous, after);
          if (!syntax.allowed) refusals.push(syntax.reason);
          else if (syntax.note) notes.push(syntax.note);
          reports.push({ path: to, change, before: previous ?? '', after });
        }
        if (refusals.length > 0) {
          await undoDiff(text, changes, before);
          throw new ToolRefusal(`the diff was not applied because ${refusals.join('; ')}`);
        }
        for (const path of paths) budget.record(path);
        for (const report of reports)
          await reporter.fileModified(
            normalisePath(report.path),
            report.change,
            lineStats(report.before, report.after),
          );
        return `applied to ${reports.map((report) => report.path).join(', ')}${notes.map((note) => `\nnote: ${note}`).join('')}`;
      },
    },
    {
      name: 'run_command',
      description: `Run a shell command in the repository (${NETWORK_NOTES[network]}; stopped after ${COMMAND_TIMEOUT_MS / 1000} s). Use it to run tests or inspect output; long output is cut in the middle.`,
      schema: z.object({ command: z.string().min(1) }),
      run: async ({ command }) => {
        const result = await sandbox.exec(
          sandboxId,
          { command: String(command), timeoutMs: COMMAND_TIMEOUT_MS },
          signal,
        );
        const output = `${result.stdout}${result.stderr ? `\n[stderr]\n${result.stderr}` : ''}`;
        await reporter.commandExecuted(
          String(command),
          result.exitCode,
          result.durationMs,
          commandOutputExcerpt(result),
          result.timedOut,
        );
        const status = result.timedOut
          ? `timed out after ${COMMAND_TIMEOUT_MS / 1000} s`
          : `exit code ${result.exitCode}`;
        return `${status}\n${toolOutput(output)}`;
      },
    },
  ];
}
