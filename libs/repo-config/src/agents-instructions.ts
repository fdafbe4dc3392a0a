import { normaliseRepositoryPath } from './path-glob';

export const AGENTS_FILE_NAME = 'AGENTS.md';

/** About 4k tokens of instructions: enough for any sensible AGENTS.md, bounded for the context window. */
export const DEFAULT_AGENTS_INSTRUCTIONS_MAX_CHARS = 16_000;

/** One AGENTS.md that governs some of the task's paths. */
export interface AgentsInstructionsSource {
  /** Repository-relative path of the file, e.g. `libs/api/AGENTS.md`. */
  path: string;
  /** The task's paths for which this is the nearest AGENTS.md (the root's also covers a task with no paths). */
  appliesTo: string[];
  originalChars: number;
  includedChars: number;
  trimmed: boolean;
}

export interface AgentsInstructions {
  /** The instructions as the model reads them; empty when no AGENTS.md applies. */
  text: string;
  /** Which files were used, shallowest first (the dashboard shows these). */
  sources: AgentsInstructionsSource[];
  /** True when some file was cut to fit `maxChars`; its note in `text` says how much was left out. */
  trimmed: boolean;
}

export interface ResolveAgentsInstructionsInput {
  /** Repository-relative paths of every AGENTS.md in the repository (from its file listing). */
  agentsFiles: readonly string[];
  /** The paths the task edits or was localized to; none means "the repository as a whole". */
  paths: readonly string[];
  /** Reads a repository file's text (from the base commit). */
  readFile: (path: string) => Promise<string>;
  /** Cap on the instructions' total length, headers and notes excluded. */
  maxChars?: number;
}

/**
 * For each path, the nearest AGENTS.md: the one in the deepest directory that contains the path,
 * with the repository root's as the fallback — the rule of the AGENTS.md convention ("the closest
 * AGENTS.md to the edited file wins"). Returns AGENTS.md path → the paths it governs, shallowest
 * file first. A path no AGENTS.md governs is left out.
 */
export function selectAgentsFiles(agentsFiles: readonly string[], paths: readonly string[]): Map<string, string[]> {
  const byDirectory = new Map<string, string>();
  for (const file of agentsFiles) {
    const normalised = normaliseRepositoryPath(file);
    const segments = normalised.split('/');
    if (segments[segments.length - 1] !== AGENTS_FILE_NAME) continue;
    byDirectory.set(segments.slice(0, -1).join('/'), normalised);
  }

  const selected = new Map<string, string[]>();
  const targets = paths.length > 0 ? paths.map(normaliseRepositoryPath) : [''];
  for (const target of targets) {
    const nearest = nearestAgentsFile(target, byDirectory);
    if (!nearest) continue;
    const governed = selected.get(nearest) ?? [];
    if (target !== '' && !governed.includes(target)) governed.push(target);
    selected.set(nearest, governed);
  }
  return new Map([...selected.entries()].sort(([a], [b]) => depth(a) - depth(b) || a.localeCompare(b)));
}

/**
 * The repository instructions that apply to a task: the nearest AGENTS.md of each path, read and
 * joined under a header naming the file and the paths it governs. Over `maxChars`, the budget is
 * shared fairly (short files whole, long ones cut at the end) and each cut says so.
 */
export async function resolveAgentsInstructions(input: ResolveAgentsInstructionsInput): Promise<AgentsInstructions> {
  const maxChars = input.maxChars ?? DEFAULT_AGENTS_INSTRUCTIONS_MAX_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < 0)
    throw new RangeError(`maxChars must be a non-negative integer, got ${maxChars}`);

  const selected = selectAgentsFiles(input.agentsFiles, input.paths);
  const files = await Promise.all(
    [...selected.entries()].map(async ([path, appliesTo]) => ({
      path,
      appliesTo,
      content: (await input.readFile(path)).trim(),
    })),
  );
  const allowances = shareBudget(
    files.map((file) => file.content.length),
    maxChars,
  );

  const sources: AgentsInstructionsSource[] = [];
  const sections: string[] = [];
  files.forEach((file, index) => {
    const allowance = allowances[index];
    const trimmed = file.content.length > allowance;
    const body = trimmed ? cutAtLineEnd(file.content, allowance) : file.content;
    const note = trimmed
      ? `\n\n[… ${file.path} trimmed: showing the first ${body.length} of ${file.content.length} characters]`
      : '';
    const scope = file.appliesTo.length > 0 ? ` (applies to ${file.appliesTo.join(', ')})` : '';
    sections.push(`## ${file.path}${scope}\n\n${body}${note}`);
    sources.push({
      path: file.path,
      appliesTo: file.appliesTo,
      originalChars: file.content.length,
      includedChars: body.length,
      trimmed,
    });
  });

  return { text: sections.join('\n\n'), sources, trimmed: sources.some((source) => source.trimmed) };
}

function nearestAgentsFile(path: string, byDirectory: ReadonlyMap<string, string>): string | undefined {
  const segments = path === '' ? [] : path.split('/');
  // A path may name a file or a directory; either way its own directory is the deepest candidate.
  for (let length = segments.length; length >= 0; length -= 1) {
    const found = byDirectory.get(segments.slice(0, length).join('/'));
    if (found) return found;
  }
  return undefined;
}

/** Short files get all they need; what is left is split evenly among the longer ones. */
function shareBudget(lengths: readonly number[], total: number): number[] {
  const allowances = new Array<number>(lengths.length).fill(0);
  const order = lengths.map((length, index) => ({ length, index })).sort((a, b) => a.length - b.length);
  let remaining = total;
  order.forEach(({ length, index }, position) => {
    const share = Math.floor(remaining / (order.length - position));
    allowances[index] = Math.min(length, share);
    remaining -= allowances[index];
  });
  return allowances;
}

/** The first `limit` characters, ending at a line break when one is reasonably close. */
function cutAtLineEnd(text: string, limit: number): string {
  const head = text.slice(0, limit);
  const lastBreak = head.lastIndexOf('\n');
  return (lastBreak >= limit * 0.8 ? head.slice(0, lastBreak) : head).trimEnd();
}

function depth(path: string): number {
  return path.split('/').length;
}
