import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ToolMessage, type AIMessage, type BaseMessage } from '@langchain/core/messages';
import {
  clarifyingQuestionSchema,
  type ClarifyingQuestion,
  type Plan,
  type TaskClassification,
} from '@patchbay/contracts';
import { ContextWindowKeeper, type ContextBudget } from '@patchbay/model';
import {
  functionDefinition,
  runWorkspaceTool,
  toolCallRecord,
  type ToolCallRecord,
  type WorkspaceTool,
} from '@patchbay/workspace-tools';
import { ASK_USER_TOOL } from './ask-user.tool';
import { plannerSubmissionSchema, SUBMIT_PLAN_TOOL } from './submit-plan.tool';

export interface PlannerLoopOptions {
  /** Tool calls the planner may make before it must submit. */
  stepBudget: number;
  contextBudget?: ContextBudget;
  /** Writes the summary when the conversation must be condensed (the summariser role's model). */
  summariser?: BaseChatModel;
  onToolCall: (call: ToolCallRecord) => Promise<void>;
  /** The task run's signal: a cancellation aborts the model call in flight (its HTTP request). */
  signal?: AbortSignal;
  /**
   * Whether the planner may still ask the requester a question (ADR 0026). When not, ask_user is
   * not offered, and a call to it anyway is refused: the planner must plan with what it knows.
   */
  mayAsk: boolean;
}

export interface PlannerOutcome {
  plan: Plan | null;
  /** The question the planner asked instead of planning (then `plan` is null). */
  question: ClarifyingQuestion | null;
  /** How the planner classified the request with its plan, when it did. */
  classification: TaskClassification | null;
  /** Why no valid plan came back, for the error the caller raises. */
  problem: string | null;
  /** The files the planner read (read_file, get_file_summary), in order. */
  filesRead: string[];
}

/** An outcome's fields when it carries neither a plan nor a question. */
const none = { plan: null, question: null, classification: null } as const;

/**
 * The planner's read-only context loop: it may look at the repository with the tools it is given
 * (none of which can change the workspace or run a command) until it calls submit_plan; when the
 * step budget is spent it is made to submit. An invalid plan is answered with its problems once
 * so the model can correct it. While it may, it can instead ask the requester a question
 * (ask_user), which ends the loop with that question.
 */
export async function runPlannerLoop(
  model: BaseChatModel,
  tools: readonly WorkspaceTool[],
  start: BaseMessage[],
  options: PlannerLoopOptions,
): Promise<PlannerOutcome> {
  if (!model.bindTools) throw new Error('the planner model does not support tool calling');
  const definitions = [...tools.map(functionDefinition), SUBMIT_PLAN_TOOL, ...(options.mayAsk ? [ASK_USER_TOOL] : [])];
  const exploring = model.bindTools(definitions, { tool_choice: 'required' });
  const submitting = model.bindTools(definitions, { tool_choice: 'submit_plan' });
  const keeper = options.contextBudget
    ? new ContextWindowKeeper(options.contextBudget, options.summariser ?? model, definitions)
    : null;
  let messages = [...start];
  const filesRead: string[] = [];
  let problem: string | null = 'the planner did not call submit_plan';
  let invalidPlans = 0;
  for (let step = 0; step <= options.stepBudget; step++) {
    if (keeper) messages = (await keeper.fitToWindow(messages)).messages;
    const reply = (await (step < options.stepBudget ? exploring : submitting).invoke(messages, {
      signal: options.signal,
    })) as AIMessage;
    messages.push(reply);
    const calls = reply.tool_calls ?? [];
    if (calls.length === 0) break;
    for (const [index, call] of calls.entries()) {
      // A reply that raced the abort is not acted on: no tool call, no event after a cancellation.
      options.signal?.throwIfAborted();
      const callId = call.id ?? `${call.name}-${step}-${index}`;
      if (call.name === ASK_USER_TOOL.function.name) {
        const asked = askedQuestion(call.args, options.mayAsk);
        if ('question' in asked) return { ...none, question: asked.question, problem: null, filesRead };
        messages.push(new ToolMessage({ tool_call_id: callId, content: `error: ${asked.refusal}` }));
        continue;
      }
      if (call.name === SUBMIT_PLAN_TOOL.function.name) {
        const parsed = plannerSubmissionSchema.safeParse(call.args);
        if (parsed.success) {
          const { classification, ...plan } = parsed.data;
          return { ...none, plan, classification: classification ?? null, problem: null, filesRead };
        }
        problem = `the plan did not validate: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'plan'}: ${issue.message}`).join('; ')}`;
        // One correction is allowed; a second invalid plan ends planning with the problem.
        if (++invalidPlans > 1) return { ...none, problem, filesRead };
        messages.push(
          new ToolMessage({
            tool_call_id: callId,
            content: `error: ${problem}. Call submit_plan again with a corrected plan.`,
          }),
        );
        continue;
      }
      // A write or command tool named by the model (or by text it read) is not offered here: planning is read-only.
      const outcome = await runWorkspaceTool(tools, call.name, call.args);
      if (!outcome.refused && (call.name === 'read_file' || call.name === 'get_file_summary'))
        filesRead.push(String(call.args['path']));
      await options.onToolCall(toolCallRecord(call.name, call.args, outcome));
      messages.push(new ToolMessage({ tool_call_id: callId, content: outcome.content }));
    }
  }
  return { ...none, problem, filesRead };
}

/** The question an ask_user call asks, or why it is refused (the model is told and goes on). */
function askedQuestion(
  args: Record<string, unknown>,
  mayAsk: boolean,
): { question: ClarifyingQuestion } | { refusal: string } {
  if (!mayAsk)
    return {
      refusal:
        'no questions are left for this task. Plan with what you know: state your assumptions in the plan summary, then call submit_plan.',
    };
  const parsed = clarifyingQuestionSchema.safeParse(args);
  if (parsed.success) return { question: parsed.data };
  return {
    refusal: `the question did not validate: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'question'}: ${issue.message}`).join('; ')}. Call ask_user again, or submit_plan.`,
  };
}
