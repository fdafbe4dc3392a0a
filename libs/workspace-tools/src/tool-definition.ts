import { z } from 'zod';
import type { WorkspaceTool } from './workspace-tool';

/** A tool in the OpenAI function format every compatible endpoint accepts. */
export interface FunctionToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export function functionDefinition(
  tool: Pick<WorkspaceTool, 'name' | 'description' | 'schema' | 'parameters'>,
): FunctionToolDefinition {
  return {
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters ?? z.toJSONSchema(tool.schema, { target: 'openapi-3.0', io: 'input' }),
    },
  };
}
