import { toolOutput } from './tool-output';
import type { WorkspaceTool } from './workspace-tool';

/** One tool call as the task's event log shows it. */
export interface ToolCallRecord {
  tool: string;
  /** The arguments that say what was looked at or run; text written to files is given only as its length. */
  args: Record<string, unknown>;
  /** The first line of what the tool answered, or why it refused. */
  result: string;
  refused: boolean;
}

const ARGUMENT_PREVIEW_CHARS = 200;
/**
 * Arguments shown as they are. The others (a file's new content, an edit's old and new text, a
 * diff) go to the event log only as their length: events are kept and streamed, and what the
 * model writes may hold a secret the diff scan has not seen yet.
 */
const SHOWN_ARGUMENTS = new Set([
  'path',
  'start',
  'end',
  'recursive',
  'pattern',
  'glob',
  'symbol',
  'query',
  'command',
  'name',
  'ecosystem',
  'version',
]);

/**
 * Runs the tool a model called: an unknown name or invalid arguments, and whatever the tool
 * throws, become an `error: …` answer the model reads and can correct; nothing ends the loop.
 */
export async function runWorkspaceTool(
  tools: readonly WorkspaceTool[],
  name: string,
  args: Record<string, unknown>,
): Promise<{ content: string; refused: boolean }> {
  const tool = tools.find((candidate) => candidate.name === name);
  // A tool not offered does not exist, whatever the model (or text it read) asks for.
  if (!tool)
    return {
      content: `error: there is no tool named ${name}; the tools are ${tools.map((t) => t.name).join(', ')}`,
      refused: true,
    };
  const parsed = tool.schema.safeParse(args);
  if (!parsed.success)
    return {
      content: `error: invalid arguments for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      refused: true,
    };
  try {
    return { content: await tool.run(parsed.data), refused: false };
  } catch (error) {
    return {
      content: `error: ${toolOutput(error instanceof Error ? error.message : String(error), 2_000)}`,
      refused: true,
    };
  }
}

export function toolCallRecord(
  tool: string,
  args: Record<string, unknown>,
  outcome: { content: string; refused: boolean },
): ToolCallRecord {
  const preview = Object.fromEntries(
    Object.entries(args).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      if (!SHOWN_ARGUMENTS.has(key)) return [key, `(${value.length} characters)`];
      return [
        key,
        value.length > ARGUMENT_PREVIEW_CHARS
          ? `${value.slice(0, ARGUMENT_PREVIEW_CHARS)}… (${value.length} characters)`
          : value,
      ];
    }),
  );
  return {
    tool,
    args: preview,
    result: outcome.content.split('\n')[0]?.slice(0, ARGUMENT_PREVIEW_CHARS) ?? '',
    refused: outcome.refused,
  };
}
