/**
 * A stand-in model that can only fix what the platform let it read. It knows the upstream fix,
 * as a strong model would recognise the bug when it sees it, but it acts on nothing but the
 * request in front of it:
 * - as planner it asks `localize` for the task, reads the top-ranked source files (code, not tests,
 *   docs or manifests) page by page,
 *   notes where it saw code the fix changes, and plans only the files it noted;
 * - as coder it reads, in the files the approved plan names, the lines the fix changes, and
 *   applies the fix only for files whose changed lines its conversation shows.
 * So a fix lands only when localization found the file, the planner read it, the plan carried it
 * and the coder's context kept it: the harness, not the script, decides the outcome.
 */
import { planSchema } from '@patchbay/contracts';
import { TokenCounter, type ChatCompletionRequest, type FakeChatReply, type FakeToolCall } from '@patchbay/model';
import type { CaseDefinition } from './case-definition';
import type { CaseRepository } from './case-repository';
import { assignmentOf, assistantTurns, linesShown, madeCalls, proseOf, taskTextOf, totalLinesOf, type MadeCall } from './conversation-reading';
import { splitFixDiff, type FixFile } from './fix-diff';
import type { ModelPlayer } from './model-player';

/** Source files the planner reads from the localize ranking. */
const FILES_TO_READ = 3;
/** Pages of one file the planner reads before moving on. */
const PAGES_PER_FILE = 3;
/** Planner turns before it must plan (the platform's budget is 12 tool calls). */
const PLANNER_TURNS = 10;
/** Times the coder asks for the same lines before it gives up on them. */
const READ_ATTEMPTS = 2;

const TEST_PATH = /(^|\/)(tests?|__tests__|spec|fixtures?)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.(py|go)$/;
/** A bug is fixed in code: the planner passes over documentation, manifests and CI files in the ranking. */
const SOURCE_FILE = /\.([cm]?[jt]sx?|py|go|java)$/;
const NOTE = /^Noted: the reported bug is in (\S+) at lines (\d+)-(\d+)\.$/gm;

export interface ContextPlayerLog {
  /** The localize ranking the planner got (paths, best first), or null when it had none. */
  localized: string[] | null;
  /** Files the planner read at least one page of. */
  plannerReads: string[];
  /** Fix files the plan named because the planner had seen their changed lines. */
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
  readonly log: ContextPlayerLog = { localized: null, plannerReads: [], planned: [], applied: [], coderRounds: 0, refusedCalls: [], requests: 0, maxRequestTokens: 0, requestsOverWindow: 0 };
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
    const localizeCall = calls.find((call) => call.name === 'localize');
    if (!localizeCall && tools.has('localize')) return { kind: 'tool_calls', toolCalls: [{ name: 'localize', arguments: { query: taskTextOf(assignment) } }] };

    const ranking = rankedPaths(localizeCall?.result ?? sectionAfter(assignment, 'Files most likely relevant to the task'));
    this.log.localized ??= ranking;
    const candidates = ranking.filter((path) => SOURCE_FILE.test(path) && !TEST_PATH.test(path)).slice(0, FILES_TO_READ);
    const shown = linesShown(calls);
    const seen = this.seenChanges(shown);
    const notes = [...new Set([...notedChanges(proseOf(request)), ...seen])];
    const newNotes = seen.filter((note) => !proseOf(request).includes(note));
    const noteText = newNotes.length ? newNotes.join('\n') : undefined;

    if (assistantTurns(request) < PLANNER_TURNS) {
      const noted = new Set(notes.map((note) => pathOfNote(note)));
      for (const path of candidates) {
        // A file whose bug is noted needs no more reading; others are read a few pages deep.
        if (noted.has(path)) continue;
        const reads = calls.filter((call) => call.name === 'read_file' && call.arguments['path'] === path);
        if (reads.length >= PAGES_PER_FILE) continue;
        const total = totalLinesOf(calls, path);
        const lastShown = Math.max(0, ...(shown.get(path) ?? []));
        if (reads.length > 0 && total !== null && lastShown >= total) continue;
        if (!this.log.plannerReads.includes(path)) this.log.plannerReads.push(path);
        return { kind: 'tool_calls', content: noteText, toolCalls: [{ name: 'read_file', arguments: lastShown > 0 ? { path, start: lastShown + 1 } : { path } }] };
      }
    }
    return { kind: 'tool_calls', content: noteText, toolCalls: [{ name: 'submit_plan', arguments: this.planFrom(notes, candidates) }] };
  }

  /** "Noted: …" lines for fix hunks whose lines the request shows. */
  private seenChanges(shown: Map<string, Set<number>>): string[] {
    return this.fix.flatMap((file) =>
      file.hunks.filter((hunk) => covers(shown.get(file.path), hunk.start, hunk.end)).map((hunk) => `Noted: the reported bug is in ${file.path} at lines ${hunk.start}-${hunk.end}.`),
    );
  }

  private planFrom(notes: string[], candidates: string[]): Record<string, unknown> {
    const byFile = new Map<string, string[]>();
    for (const note of notes) {
      const match = /in (\S+) at lines (\d+-\d+)\./.exec(note);
      if (match) byFile.set(match[1]!, [...(byFile.get(match[1]!) ?? []), match[2]!]);
    }
    this.log.planned = [...byFile.keys()];
    const steps = byFile.size
      ? [...byFile.entries()].map(([path, ranges], index) => ({ id: String(index + 1), title: `Fix the reported bug in ${path}`, detail: `The faulty code is at lines ${ranges.join(', ')}.`, files: [path] }))
      : [{ id: '1', title: 'Investigate the reported behaviour', detail: `The cause was not found in ${candidates.join(', ') || 'the files read'}.`, files: candidates }];
    const plan: Record<string, unknown> = { summary: byFile.size ? `Fix the reported bug in ${[...byFile.keys()].join(', ')}.` : 'Find the cause of the reported behaviour.', steps };
    // The stand-in copies the target tests from the failing tests it was shown, as the prompt asks.
    if ('targetTests' in planSchema.shape) plan['targetTests'] = this.definition.targetTests;
    return plan;
  }

  private code(request: ChatCompletionRequest): FakeChatReply {
    const calls = madeCalls(request);
    this.recordRefusals(calls);
    if (assistantTurns(request) === 0) this.log.coderRounds += 1;
    const applied = calls.find((call) => call.name === 'apply_diff');
    if (applied) return { kind: 'text', content: applied.result?.startsWith('error') ? `The fix did not apply: ${applied.result.slice(0, 200)}` : 'Applied the fix.' };
    const assignment = assignmentOf(request);
    if (assignment.includes('Result of the previous round:')) return { kind: 'text', content: 'The change is complete; nothing else to do.' };

    const planFiles = new Set([...assignment.matchAll(/^\s*files: (.+)$/gm)].flatMap((match) => match[1]!.split(', ').map((path) => path.trim())));
    const planned = this.fix.filter((file) => planFiles.has(file.path));
    if (planned.length === 0) return { kind: 'text', content: 'The plan names no file with the reported bug; I changed nothing.' };

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
        const attempts = calls.filter((call) => call.name === 'read_file' && call.arguments['path'] === file.path && Number(call.arguments['start']) <= hunk.start).length;
        if (attempts < READ_ATTEMPTS) reads.push({ name: 'read_file', arguments: { path: file.path, start: Math.max(1, hunk.start - 10), end: hunk.end + 10 } });
      }
    }
    if (reads.length) return { kind: 'tool_calls', toolCalls: reads };
    if (ready.length === 0) return { kind: 'text', content: 'I could not see the code the plan points at; I changed nothing.' };
    this.log.applied = ready.map((file) => file.path);
    return { kind: 'tool_calls', toolCalls: [{ name: 'apply_diff', arguments: { diff: ready.map((file) => file.diff).join('') } }] };
  }

  private recordRefusals(calls: readonly MadeCall[]): void {
    for (const call of calls) {
      if (!call.result?.startsWith('error')) continue;
      const entry = { tool: call.name, result: call.result.slice(0, 300) };
      if (!this.log.refusedCalls.some((known) => known.tool === entry.tool && known.result === entry.result)) this.log.refusedCalls.push(entry);
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
  return [...text.matchAll(/^(\S+) — /gm)].map((match) => match[1]!);
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
