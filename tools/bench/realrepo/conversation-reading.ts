/**
 * What a chat-completions request shows a model: the task text, the tool calls it made, the tool
 * results it still has (old ones may have been elided by the platform's context-window keeper)
 * and the notes it wrote. The context-dependent stand-in decides only from these.
 */
import type { ChatCompletionRequest } from '@patchbay/testing';

type Message = ChatCompletionRequest['messages'][number];

export interface MadeCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /** The tool's answer as the request still carries it; null when the platform dropped it. */
  result: string | null;
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((part) =>
        typeof part === 'object' && part && 'text' in part ? String((part as { text: unknown }).text) : '',
      )
      .join('');
  return '';
}

function parseArguments(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Every tool call of the assistant turns in the request, with its result where it is still there. */
export function madeCalls(request: ChatCompletionRequest): MadeCall[] {
  const results = new Map<string, string>();
  for (const message of request.messages)
    if (message.role === 'tool') results.set(message.tool_call_id, textOf(message.content));
  return request.messages.flatMap((message: Message) =>
    message.role === 'assistant'
      ? (message.tool_calls ?? []).map((call) => ({
          id: call.id,
          name: call.function.name,
          arguments: parseArguments(call.function.arguments),
          result: results.get(call.id) ?? null,
        }))
      : [],
  );
}

export function assistantTurns(request: ChatCompletionRequest): number {
  return request.messages.filter((message) => message.role === 'assistant').length;
}

/** The first user message: the task and everything the platform put around it. */
export function assignmentOf(request: ChatCompletionRequest): string {
  const first = request.messages.find((message) => message.role === 'user');
  return first ? textOf(first.content) : '';
}

/** Every text the request carries that is not a tool result: the notes a model kept, a summary of earlier steps. */
export function proseOf(request: ChatCompletionRequest): string {
  return request.messages
    .filter((message) => message.role !== 'tool')
    .map((message) => textOf(message.content))
    .join('\n');
}

export function taskTextOf(assignment: string): string {
  return /<task>\n?([\s\S]*?)\n?<\/task>/.exec(assignment)?.[1]?.trim() ?? assignment.slice(0, 500);
}

const PAGE_HEADER = /^(.+) \(lines (\d+)-(\d+) of (\d+)\)$/;

/** Per path, the line numbers whose text a read_file page in the request shows. */
export function linesShown(calls: readonly MadeCall[]): Map<string, Set<number>> {
  const shown = new Map<string, Set<number>>();
  for (const call of calls) {
    if (call.name !== 'read_file' || !call.result) continue;
    const header = PAGE_HEADER.exec(call.result.split('\n', 1)[0] ?? '');
    if (!header) continue;
    const lines = shown.get(header[1]) ?? new Set<number>();
    for (let line = Number(header[2]); line <= Number(header[3]); line++) lines.add(line);
    shown.set(header[1], lines);
  }
  return shown;
}

/** The line count read_file reported for a path, when a page of it is in the request. */
export function totalLinesOf(calls: readonly MadeCall[], path: string): number | null {
  for (const call of calls) {
    if (call.name !== 'read_file' || !call.result) continue;
    const header = PAGE_HEADER.exec(call.result.split('\n', 1)[0] ?? '');
    if (header && header[1] === path) return Number(header[4]);
  }
  return null;
}
