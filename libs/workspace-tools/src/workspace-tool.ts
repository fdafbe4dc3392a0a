import type { z } from 'zod';

/**
 * A tool a model may call on the task's workspace. Arguments are validated against `schema`
 * before `run`; what `run` returns (or the message of what it throws) is what the model reads.
 */
export interface WorkspaceTool {
  name: string;
  description: string;
  schema: z.ZodObject;
  /**
   * The parameters' JSON schema as the model sees it, when someone else wrote it (an MCP server's
   * tool); otherwise it is derived from `schema`.
   */
  parameters?: Record<string, unknown>;
  run(args: Record<string, unknown>): Promise<string>;
}

/** A tool failure the model should see and react to, rather than a crash of the loop. */
export class ToolRefusal extends Error {}
