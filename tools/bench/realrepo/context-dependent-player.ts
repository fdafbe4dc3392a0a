/**
 * A stand-in model that can only fix what the platform let it read. It knows the upstream fix,
 * as a strong model would recognise the bug when it sees it, but it acts on nothing but the
 * request in front of it:
 * - as planner it asks `localize` for the task, greps for a quoted message or a named function
 *   from the task and reads around the hits, then reads the top-ranked source files (code, not
 *   tests, docs or manifests) page by page,
 *   notes where it saw code the fix changes, and plans only the files it noted;
 * - as coder it reads, in the files the approved plan names, the lines the fix changes, and
 *   applies the fix only for files whose changed lines its conversation shows.
 * So a fix lands only when localization found the file, the planner read it, the plan carried it
 * and the coder's context kept it: the harness, not the script, decides the outcome.
 */
import { planSchema } from '@patchbay/contracts';
import { TokenCounter } from '@patchbay/model';
import type { ChatCompletionRequest, FakeChatReply, FakeToolCall } from '@patchbay/testing';
import type { CaseDefinition } from './case-definition';
import type { CaseRepository } from './case-repository';
import {
  assignmentOf,
  assistantTurns,
  linesShown,
  madeCalls,
  proseOf,
  taskTextOf,
  totalLinesOf,
  type MadeCall,
} from './conversation-reading';
import { splitFixDiff, type FixFile } from './fix-diff';
import type { ModelPlayer } from './model-player';

/** Source files the planner reads from the localize ranking. */
const FILES_TO_READ = 3;
/** Pages of one file the planner reads before moving on. */
const PAGES_PER_FILE = 3;
/** Planner turns before it must plan (the platform's budget is 12 tool calls). */
const PLANNER_TURNS = 10;
/** Lines shown above a search hit when the planner reads around it. */
const LEAD_CONTEXT_LINES = 40;
/** Times the coder asks for the same lines before it gives up on them. */
const READ_ATTEMPTS = 2;

const TEST_PATH =
  /(^|\/)(tests?|__tests__|spec|fixtures?)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.(py|go)$/;
/** A bug is fixed in code: the planner passes over documentation, manifests and CI files in the ranking. */
const SOURCE_FILE = /\.([cm]?[jt]sx?|py|go|java)$/;
const NOTE = /^Noted: the reported bug is in (\S+) at lines (\d+)-(\d+)\.$/gm;
const CANDIDATES = /^Candidates: (.*)$/m;
const LEADS = /^Leads: (.*)$/m;

export interface ContextPlayerLog {
  /** The localize ranking the planner got (paths, best first), or null when it had none. */
  localized: string[] | null;
  /** Files the planner read at least one page of. */
  plannerReads: string[];
  /** Fix files where the planner saw the changed lines (its notes); the plan names them. */
  planned: string[];
  /** Fix files the coder applied the fix to. */
  applied: string[];
  coderRounds: number;
  /** Tool results that were refusals (`error: …`). */
  refusedCalls: Array<{ tool: string; result: string }>;
  requests: number;
  /** Largest request (messages and tool definitions as sent, JSON) in tokens. */
  maxRequestTokens: number;
  /** Requests larger than the platform's configured window. */
  requestsOverWindow: number;
}

export class ContextDependentPlayer implements ModelPlayer {
  readonly log: ContextPlayerLog = {
    localized: null,
    plannerReads: [],
    planned: [],
    applied: [],
    coderRounds: 0,
    refusedCalls: [],
    requests: 0,
    maxRequestTokens: 0,
    requestsOverWindow: 0,
  };
  private readonly fix: FixFile[];
  private readonly counter: TokenCounter;

  constructor(
    readonly definition: CaseDefinition,
    repository: CaseRepository,
    /** The platform's context window in tokens, as configured for the run. */
    private readonly window: number,
    model: string,
  ) {
    this.fix = splitFixDiff(repository.fixDiff);
    this.counter = TokenCounter.forModel(model);
  }

  reply(request: ChatCompletionRequest): FakeChatReply {
    this.measure(request);
    const tools = new Set((request.tools ?? []).map((tool) => tool.function.name));
    if (tools.has('submit_plan')) return this.plan(request, tools);
    if (tools.has('apply_diff')) return this.code(request);
    // The summariser condensing a conversation: it keeps the notes, as a good summary would.
    const notes = [...proseOf(request).matchAll(NOTE)].map((match) => match[0]);
    return { kind: 'text', content: ['Earlier steps read repository files.', ...new Set(notes)].join('\n') };
  }

  private measure(request: ChatCompletionRequest): void {
    this.log.requests += 1;
    // The body as JSON counts more than the model sees (keys, quotes, escapes): an upper bound.
    const tokens = this.counter.countText(JSON.stringify({ messages: request.messages, tools: request.tools }));
    this.log.maxRequestTokens = Math.max(this.log.maxRequestTokens, tokens);
    if (tokens > this.window) this.log.requestsOverWindow += 1;
  }

  private plan(request: ChatCompletionRequest, tools: Set<string>): FakeChatReply {
    const calls = madeCalls(request);
    this.recordRefusals(calls);
    const assignment = assignmentOf(request);
    const task = taskTextOf(assignment);
    const prose = proseOf(request);
    const localizeCall = calls.find((call) => call.name === 'localize');
    if (!localizeCall && tools.has('localize') && !CANDIDATES.test(prose))
      return { kind: 'tool_calls', toolCalls: [{ name: 'localize', arguments: { query: task } }] };

    // What it learnt is kept in its own words (the content of its turns), since the platform may
    // elide old tool results: the ranking as "Candidates: …", search hits as "Leads: …".
    const memory: string[] = [];
    let candidates = remembered(prose, CANDIDATES);
    if (!candidates) {
      const ranking = rankedPaths(
        localizeCall?.result ?? sectionAfter(assignment, 'Files most likely relevant to the task'),
      );
      this.log.localized ??= ranking;
      candidates = ranking.filter((path) => SOURCE_FILE.test(path) && !TEST_PATH.test(path)).slice(0, FILES_TO_READ);
      memory.push(`Candidates: ${candidates.join(', ') || 'none'}`);
    }
    let leads = remembered(prose, LEADS);
    const searched = calls.filter((call) => call.name === 'search_files');
    if (!leads) {
      const clue = clueOf(task);
      if (clue && searched.length === 0)
        return {
          kind: 'tool_calls',
          content: memory.join('\n') || undefined,
          toolCalls: [{ name: 'search_files', arguments: { pattern: escapeRegExp(clue) } }],
        };
      leads = searched
        .flatMap((call) => searchHits(call.result ?? ''))
        .filter((hit) => SOURCE_FILE.test(hit.split(':')[0]) && !TEST_PATH.test(hit.split(':')[0]))
        .slice(0, FILES_TO_READ);
      memory.push(`Leads: ${leads.join(', ') || 'none'}`);
    }

    const shown = linesShown(calls);
    const seen = this.seenChanges(shown);
    const notes = [...new Set([...notedChanges(prose), ...seen])];
    memory.push(...seen.filter((note) => !prose.includes(note)));
    const content = memory.length ? memory.join('\n') : undefined;

    if (assistantTurns(request) < PLANNER_TURNS) {
      const next = this.nextRead(calls, shown, notes, leads, candidates);
      if (next) {
        if (!this.log.plannerReads.includes(next.path)) this.log.plannerReads.push(next.path);
        return { kind: 'tool_calls', content, toolCalls: [{ name: 'read_file', arguments: next }] };
      }
    }
    return {
      kind: 'tool_calls',
      content,
      toolCalls: [{ name: 'submit_plan', arguments: this.planFrom(notes, candidates) }],
    };
  }

  /**
   * Where to read next: around a search hit not yet on screen, else the next page of a ranked
   * candidate; a file whose bug is noted needs no more reading, and none is read more than a few pages.
   */
  private nextRead(
    calls: readonly MadeCall[],
    shown: Map<string, Set<number>>,
    notes: string[],
    leads: string[],
    candidates: string[],
  ): { path: string; start?: number } | null {
    const noted = new Set(notes.map((note) => pathOfNote(note)));
    const readsOf = (path: string) =>
      calls.filter((call) => call.name === 'read_file' && call.arguments['path'] === path).length;
    for (const lead of leads) {
      const [path, line] = [lead.slice(0, lead.lastIndexOf(':')), Number(lead.slice(lead.lastIndexOf(':') + 1))];
      if (noted.has(path) || readsOf(path) >= PAGES_PER_FILE || shown.get(path)?.has(line)) continue;
      return { path, start: Math.max(1, line - LEAD_CONTEXT_LINES) };
    }
    for (const path of candidates) {
      if (noted.has(path) || readsOf(path) >= PAGES_PER_FILE) continue;
      const total = totalLinesOf(calls, path);
      const lastShown = Math.max(0, ...(shown.get(path) ?? []));
      if (total !== null && lastShown >= total) continue;
      return lastShown > 0 ? { path, start: lastShown + 1 } : { path };
    }
    return null;
  }

  /** "Noted: …" lines for fix hunks whose lines the request shows. */
  private seenChanges(shown: Map<string, Set<number>>): string[] {
    return this.fix.flatMap((file) =>
      file.hunks
        .filter((hunk) => covers(shown.get(file.path), hunk.start, hunk.end))
        .map((hunk) => `Noted: the reported bug is in ${file.path} at lines ${hunk.start}-${hunk.end}.`),
    );
  }

  private planFrom(notes: string[], candidates: string[]): Record<string, unknown> {
    const byFile = new Map<string, string[]>();
    for (const note of notes) {
      const match = /in (\S+) at lines (\d+-\d+)\./.exec(note);
      if (match) byFile.set(match[1], [...(byFile.get(match[1]) ?? []), match[2]]);
    }
    this.log.planned = [...byFile.keys()];
    const steps = byFile.size
      ? [...byFile.entries()].map(([path, ranges], index) => ({
          id: String(index + 1),
          title: `Fix the reported bug in ${path}`,
          detail: `The faulty code is at lines ${ranges.join(', ')}.`,
          files: [path],
        }))
      : [
          {
            id: '1',
            title: 'Investigate the reported behaviour',
            detail: `The cause was not found in ${candidates.join(', ') || 'the files read'}.`,
            files: candidates,
          },
        ];
    const plan: Record<string, unknown> = {
      summary: byFile.size
        ? `Fix the reported bug in ${[...byFile.keys()].join(', ')}.`
        : 'Find the cause of the reported behaviour.',
      steps,
    };
    // The stand-in copies the target tests from the failing tests it was shown, as the prompt asks.
    if ('targetTests' in planSchema.shape) plan['targetTests'] = this.definition.targetTests;
    return plan;
  }

  private code(request: ChatCompletionRequest): FakeChatReply {
    const calls = madeCalls(request);
    this.recordRefusals(calls);
    if (assistantTurns(request) === 0) this.log.coderRounds += 1;
    const applied = calls.find((call) => call.name === 'apply_diff');
    if (applied)
      return {
        kind: 'text',
        content: applied.result?.startsWith('error')
          ? `The fix did not apply: ${applied.result.slice(0, 200)}`
          : 'Applied the fix.',
      };
    const assignment = assignmentOf(request);
    if (assignment.includes('Result of the previous round:'))
      return { kind: 'text', content: 'The change is complete; nothing else to do.' };

    const planFiles = new Set(
      [...assignment.matchAll(/^\s*files: (.+)$/gm)].flatMap((match) =>
        match[1].split(', ').map((path) => path.trim()),
      ),
    );
    const planned = this.fix.filter((file) => planFiles.has(file.path));
    if (planned.length === 0)
      return { kind: 'text', content: 'The plan names no file with the reported bug; I changed nothing.' };

    const shown = linesShown(calls);
    const reads: FakeToolCall[] = [];
    const ready: FixFile[] = [];
    for (const file of planned) {
      const missing = file.hunks.filter((hunk) => !covers(shown.get(file.path), hunk.start, hunk.end));
      if (missing.length === 0) {
        ready.push(file);
        continue;
      }
      for (const hunk of missing) {
        const attempts = calls.filter(
          (call) =>
            call.name === 'read_file' &&
            call.arguments['path'] === file.path &&
            Number(call.arguments['start']) <= hunk.start,
        ).length;
        if (attempts < READ_ATTEMPTS)
          reads.push({
            name: 'read_file',
            arguments: { path: file.path, start: Math.max(1, hunk.start - 10), end: hunk.end + 10 },
          });
      }
    }
    if (reads.length) return { kind: 'tool_calls', toolCalls: reads };
    if (ready.length === 0)
      return { kind: 'text', content: 'I could not see the code the plan points at; I changed nothing.' };
    this.log.applied = ready.map((file) => file.path);
    return {
      kind: 'tool_calls',
      toolCalls: [{ name: 'apply_diff', arguments: { diff: ready.map((file) => file.diff).join('') } }],
    };
  }

  private recordRefusals(calls: readonly MadeCall[]): void {
    for (const call of calls) {
      if (!call.result?.startsWith('error')) continue;
      const entry = { tool: call.name, result: call.result.slice(0, 300) };
      if (!this.log.refusedCalls.some((known) => known.tool === entry.tool && known.result === entry.result))
        this.log.refusedCalls.push(entry);
    }
  }
}

function covers(lines: Set<number> | undefined, start: number, end: number): boolean {
  if (!lines) return false;
  for (let line = start; line <= end; line++) if (!lines.has(line)) return false;
  return true;
}

/** Paths from repo-intel's ranking lines (`path — evidence; see symbols`), best first. */
function rankedPaths(text: string): string[] {
  return [...text.matchAll(/^(\S+) — /gm)].map((match) => match[1]);
}

function sectionAfter(text: string, heading: string): string {
  const at = text.indexOf(heading);
  return at < 0 ? '' : text.slice(at);
}

function notedChanges(prose: string): string[] {
  return [...prose.matchAll(NOTE)].map((match) => match[0]);
}

function pathOfNote(note: string): string {
  return /in (\S+) at lines/.exec(note)?.[1] ?? '';
}

/** A list the model wrote down earlier ("Candidates: a, b"), or null when it has not. */
function remembered(prose: string, pattern: RegExp): string[] | null {
  const match = pattern.exec(prose);
  if (!match) return null;
  return match[1] === 'none' ? [] : match[1].split(', ').filter(Boolean);
}

/**
 * What a developer would grep for first: a quoted message from the task ("too many arguments"),
 * else the first function it names (`withProtocol(`).
 */
export function clueOf(task: string): string | null {
  const quoted = [...task.matchAll(/"([^"\n]{6,80})"/g)]
    .map((match) => match[1])
    .find((text) => /\s/.test(text) && !/^[\s\d.,:;-]+$/.test(text));
  if (quoted) return quoted;
  return /\b([A-Za-z_$][\w$]{3,})\(/.exec(task)?.[1] ?? null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `path:line` of each search_files result line (`path:line: text`); a path has no spaces, and a line the platform cut in the middle is no hit. */
export function searchHits(result: string): string[] {
  return [...result.matchAll(/^([^\s:]+):(\d+): /gm)].map((match) => `${match[1]}:${match[2]}`);
}
