import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ToolMessage, type AIMessage, type BaseMessage } from '@langchain/core/messages';
import { planSchema, type Plan } from '@patchbay/contracts';
import { ContextWindowKeeper, type ContextBudget } from '@patchbay/model';
import { ToolRefusal, toolOutput, type WorkspaceTool } from '@patchbay/workspace-tools';
import { z } from 'zod';
import { SUBMIT_PLAN_TOOL } from './submit-plan.tool';

/** One tool call of the planner, as the task's event log shows it. */
export interface PlannerToolCall {
  tool: string;
  args: Record<string, unknown>;
  /** The first line of what the tool answered (or why it refused). */
  result: string;
  refused: boolean;
}

export interface PlannerLoopOptions {
  /** Tool calls the planner may make before it must submit. */
  stepBudget: number;
  contextBudget?: ContextBudget;
  onToolCall: (call: PlannerToolCall) => Promise<void>;
}

export interface PlannerOutcome {
  plan: Plan | null;
  /** Why no valid plan came back, for the error the caller raises. */
  problem: string | null;
  /** The files the planner read (read_file, get_file_summary), in order. */
  filesRead: string[];
}

/**
 * The planner's read-only context loop: it may look at the repository with the tools it is given
 * (none of which can change the workspace or run a command) until it calls submit_plan; when the
 * step budget is spent it is made to submit. An invalid plan is answered with its problems once
 * so the model can correct it.
 */
export async function runPlannerLoop(model: BaseChatModel, tools: readonly WorkspaceTool[], start: BaseMessage[], options: PlannerLoopOptions): Promise<PlannerOutcome> {
  if (!model.bindTools) throw new Error('the planner model does not support tool calling');
  const definitions = [
    ...tools.map((tool) => ({
      type: 'function' as const,
      function: { name: tool.name, description: tool.description, parameters: z.toJSONSchema(tool.schema, { target: 'openapi-3.0', io: 'input' }) as Record<string, unknown> },
    })),
    SUBMIT_PLAN_TOOL,
  ];
  const exploring = model.bindTools(definitions, { tool_choice: 'required' });
  const submitting = model.bindTools(definitions, { tool_choice: 'submit_plan' });
  const keeper = options.contextBudget ? new ContextWindowKeeper(options.contextBudget, model, definitions) : null;
  let messages = [...start];
  const filesRead: string[] = [];
  let problem: string | null = 'the planner did not call submit_plan';
  let invalidPlans = 0;
  for (let step = 0; step <= options.stepBudget; step++) {
    if (keeper) messages = (await keeper.fit(messages)).messages;
    const reply = (await (step < options.stepBudget ? exploring : submitting).invoke(messages)) as AIMessage;
    messages.push(reply);
    const calls = reply.tool_calls ?? [];
    if (calls.length === 0) break;
    for (const [index, call] of calls.entries()) {
      const callId = call.id ?? `${call.name}-${step}-${index}`;
      if (call.name === SUBMIT_PLAN_TOOL.function.name) {
        const parsed = planSchema.safeParse(call.args);
        if (parsed.success) return { plan: parsed.data, problem: null, filesRead };
        problem = `the plan did not validate: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'plan'}: ${issue.message}`).join('; ')}`;
        // One correction is allowed; a second invalid plan ends planning with the problem.
        if (++invalidPlans > 1) return { plan: null, problem, filesRead };
        messages.push(new ToolMessage({ tool_call_id: callId, content: `error: ${problem}. Call submit_plan again with a corrected plan.` }));
        continue;
      }
      const outcome = await runTool(tools, call.name, call.args);
      if (!outcome.refused && (call.name === 'read_file' || call.name === 'get_file_summary')) filesRead.push(String(call.args['path']));
      await options.onToolCall({ tool: call.name, args: call.args, result: outcome.content.split('\n')[0]?.slice(0, 200) ?? '', refused: outcome.refused });
      messages.push(new ToolMessage({ tool_call_id: callId, content: outcome.content }));
    }
  }
  return { plan: null, problem, filesRead };
}

async function runTool(tools: readonly WorkspaceTool[], name: string, args: Record<string, unknown>): Promise<{ content: string; refused: boolean }> {
  const tool = tools.find((candidate) => candidate.name === name);
  // A write or command tool named by a model (or by text it read) does not exist here: planning is read-only.
  if (!tool) return { content: `error: there is no tool named ${name}; planning can only read (${tools.map((t) => t.name).join(', ')}) and submit_plan`, refused: true };
  const parsed = tool.schema.safeParse(args);
  if (!parsed.success) return { content: `error: invalid arguments for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, refused: true };
  try {
    return { content: await tool.run(parsed.data as Record<string, unknown>), refused: false };
  } catch (error) {
    return { content: `error: ${toolOutput(error instanceof ToolRefusal || error instanceof Error ? error.message : String(error), 2_000)}`, refused: true };
  }
}
