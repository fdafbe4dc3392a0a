/**
 * The stand-in model's side of one benchmark task: what it answers, as planner and as coder, to
 * each chat-completions request the platform sends. It plays a scripted scenario through the real
 * tools (read_file, apply_diff, edit_file), so everything after the model — tool execution, the
 * syntax gate, validation, the verdict — is the platform's own behaviour.
 */
import { planSchema } from '@patchbay/contracts';
import type { ChatCompletionRequest, FakeChatReply, FakeToolCall } from '@patchbay/testing';
import type { CaseDefinition, Scenario, ScriptedEdit } from './case-definition';
import type { CaseRepository } from './case-repository';
import { textOf } from './conversation-reading';
import type { ModelPlayer } from './model-player';

type Turn = { toolCalls: FakeToolCall[] } | { text: string };

/** What the scenario made the coder try, for the report. */
export interface PlayerLog {
  planSubmitted: boolean;
  coderRounds: number;
  /** Tool results the platform answered with `error: …` (a refused edit, a diff that did not apply). */
  refusedCalls: Array<{ tool: string; result: string }>;
  unexpectedRequests: number;
}

// A line no JavaScript, TypeScript or Python parser accepts, appended where it cannot merge with
// the code around it.
const BROKEN_LINE: Record<CaseDefinition['language'], string> = {
  javascript: 'const broken = {;',
  typescript: 'const broken: = {;',
  python: 'def broken(:',
};

const HARMLESS_COMMENT: Record<CaseDefinition['language'], string> = {
  javascript: '// Inputs are validated by the callers above.',
  typescript: '// Inputs are validated by the callers above.',
  python: '# Inputs are validated by the callers above.',
};

/**
 * The shortest run of lines ending at the file's last non-empty line that occurs once in it, so an
 * `edit_file` anchored on it is unambiguous.
 */
export function uniqueTail(content: string): string {
  const lines = content.split('\n');
  let last = lines.length - 1;
  while (last > 0 && lines[last].trim() === '') last--;
  for (let first = last; first >= 0; first--) {
    const candidate = lines.slice(first, last + 1).join('\n');
    if (candidate.trim() && content.split(candidate).length === 2) return candidate;
  }
  return content;
}

/** Appends a line after the file's last non-empty line, as an `edit_file` the tools accept. */
function appendLine(path: string, content: string, line: string): ScriptedEdit {
  const tail = uniqueTail(content);
  return { path, old: tail, new: `${tail}\n${line}` };
}

function editCall(edit: ScriptedEdit): FakeToolCall {
  return { name: 'edit_file', arguments: { path: edit.path, old: edit.old, new: edit.new } };
}

/** The coder's first round for a scenario; later rounds only say the work is done. */
export function firstRoundTurns(definition: CaseDefinition, scenario: Scenario, repository: CaseRepository): Turn[] {
  const reads: Turn = { toolCalls: definition.fixFiles.map((path) => ({ name: 'read_file', arguments: { path } })) };
  const fix: Turn = { toolCalls: [{ name: 'apply_diff', arguments: { diff: repository.fixDiff } }] };
  const firstFixFile = definition.fixFiles[0];
  const firstFixContent = repository.fixFileContents.get(firstFixFile) ?? '';
  switch (scenario.kind) {
    case 'correct':
      return [reads, fix, { text: 'Applied the fix.' }];
    case 'wrong':
      return [reads, { toolCalls: scenario.edits.map(editCall) }, { text: 'Fixed the bug.' }];
    case 'regression':
      return [reads, fix, { toolCalls: scenario.edits.map(editCall) }, { text: 'Fixed the bug and tidied up.' }];
    case 'unparseable':
      // The broken edit comes first: refused, the fix still applies to an untouched file; accepted,
      // the fix lands next to a syntax error that the tests then trip over.
      return [
        reads,
        { toolCalls: [editCall(appendLine(firstFixFile, firstFixContent, BROKEN_LINE[definition.language]))] },
        fix,
        { text: 'Applied the fix.' },
      ];
    case 'missed-target':
      return [
        reads,
        { toolCalls: [editCall(appendLine(firstFixFile, firstFixContent, HARMLESS_COMMENT[definition.language]))] },
        { text: 'Fixed the bug.' },
      ];
  }
}

/** The plan the stand-in planner submits; target tests join it where the plan contract has them. */
export function plannedArguments(definition: CaseDefinition): Record<string, unknown> {
  const plan: Record<string, unknown> = {
    summary: `Fix the reported bug in ${definition.fixFiles.join(', ')} so that the new tests pass without breaking others.`,
    steps: [
      { id: '1', title: 'Fix the bug described in the task', detail: definition.prompt, files: definition.fixFiles },
    ],
  };
  // Read at run time, so the benchmark follows the plan contract as it is when it runs.
  if ('targetTests' in planSchema.shape) plan['targetTests'] = definition.targetTests;
  return plan;
}

function toolNames(request: ChatCompletionRequest): string[] {
  return (request.tools ?? []).map((tool) => tool.function.name);
}

/**
 * Answers one task's model requests. Each coding round is a new conversation (system prompt and
 * assignment), so the round is counted from conversations started and the step from the
 * assistant messages already in the request.
 */
export class ScenarioPlayer implements ModelPlayer {
  readonly log: PlayerLog = { planSubmitted: false, coderRounds: 0, refusedCalls: [], unexpectedRequests: 0 };
  private readonly turns: Turn[];

  constructor(
    readonly definition: CaseDefinition,
    readonly scenario: Scenario,
    repository: CaseRepository,
  ) {
    this.turns = firstRoundTurns(definition, scenario, repository);
  }

  reply(request: ChatCompletionRequest): FakeChatReply {
    const tools = toolNames(request);
    if (tools.includes('submit_plan')) {
      this.log.planSubmitted = true;
      return { kind: 'tool_calls', toolCalls: [{ name: 'submit_plan', arguments: plannedArguments(this.definition) }] };
    }
    if (!tools.includes('edit_file')) {
      // A request this benchmark does not script (a summary, say): a plain answer keeps the task going.
      this.log.unexpectedRequests += 1;
      return { kind: 'text', content: 'Done.' };
    }
    const assistantTurns = request.messages.filter((message) => message.role === 'assistant').length;
    if (assistantTurns === 0) this.log.coderRounds += 1;
    this.recordRefusals(request);
    if (this.log.coderRounds > 1) return { kind: 'text', content: 'The change is complete; nothing else to do.' };
    const turn = this.turns[assistantTurns] ?? { text: 'Done.' };
    return 'text' in turn ? { kind: 'text', content: turn.text } : { kind: 'tool_calls', toolCalls: turn.toolCalls };
  }

  /** The last turn's tool results: those that start with `error:` are the platform saying no. */
  private recordRefusals(request: ChatCompletionRequest): void {
    const messages = request.messages;
    const lastAssistant = messages.map((message) => message.role).lastIndexOf('assistant');
    if (lastAssistant < 0) return;
    const calls =
      (messages[lastAssistant] as { tool_calls?: Array<{ id: string; function: { name: string } }> }).tool_calls ?? [];
    for (const message of messages.slice(lastAssistant + 1)) {
      if (message.role !== 'tool') continue;
      const result = textOf(message.content);
      if (!result.startsWith('error')) continue;
      const call = calls.find((candidate) => candidate.id === (message as { tool_call_id: string }).tool_call_id);
      this.log.refusedCalls.push({ tool: call?.function.name ?? 'unknown', result: result.slice(0, 300) });
    }
  }
}
