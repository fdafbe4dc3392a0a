import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, ToolMessage, type AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { BacklogPatch, ProposeBacklogPatchCommand } from '@patchbay/contracts';
import { applyBacklogPatch, parseBacklogChanges } from '@patchbay/backlog';
import type { BacklogMessageEntity, BacklogRepository } from '@patchbay/persistence';
import type { PlannerModels } from '../pipeline-dependencies';
import { backlogMessages, type BacklogTurn } from './backlog-prompt';
import { PROPOSE_PATCH_TOOL } from './propose-patch.tool';

/** Model calls per answer: the first, and one retry told what was wrong with it. */
export const BACKLOG_MODEL_ATTEMPTS = 2;

export interface BacklogPlannerDependencies {
  store: Pick<BacklogRepository, 'findConversation' | 'tree' | 'messages' | 'insertMessage'>;
  models: Pick<PlannerModels, 'forBacklog'>;
}

function describeOutcome(reply: BacklogMessageEntity | undefined, decision: BacklogMessageEntity | undefined): string {
  if (!reply) return 'no answer';
  if (reply.kind === 'failure') return `no patch (${reply.text ?? 'failed'})`;
  const summary = reply.patch?.summary ? `proposed "${reply.patch.summary}"` : 'proposed a patch';
  if (!decision) return `${summary}, not decided`;
  if (decision.decision === 'accepted')
    return `${summary}, accepted${decision.edited ? ' with edits' : ''} as version ${decision.version ?? '?'}`;
  return `${summary}, rejected${decision.text ? `: ${decision.text}` : ''}`;
}

/** Earlier requests of the conversation and what became of each answer, for the model's memory. */
function historyOf(messages: readonly BacklogMessageEntity[], before: string): BacklogTurn[] {
  const replies = new Map(messages.filter((m) => m.replyTo).map((m) => [m.replyTo, m]));
  const decisions = new Map(messages.filter((m) => m.kind === 'decision').map((m) => [m.proposalId, m]));
  const turns: BacklogTurn[] = [];
  for (const message of messages) {
    if (message.id === before) break;
    if (message.kind !== 'user') continue;
    const reply = replies.get(message.id);
    turns.push({
      request: message.text ?? '',
      outcome: describeOutcome(reply, reply ? decisions.get(reply.id) : undefined),
    });
  }
  return turns;
}

/**
 * Answers a person's message in a backlog conversation (ADR 0035). The model may only call
 * propose_patch; its arguments are read against the patch schema and checked against the tree
 * as it is now (mode, ids, cycles, limits). An invalid answer is returned to the model once with
 * every problem named; a second invalid answer ends in a failure message saying why. The answer
 * (proposal or failure) is appended to the conversation; nothing else changes until a person
 * accepts it.
 */
export class BacklogPlanner {
  constructor(private readonly deps: BacklogPlannerDependencies) {}

  async propose(command: ProposeBacklogPatchCommand, signal?: AbortSignal): Promise<void> {
    const { store, models } = this.deps;
    const conversation = await store.findConversation(command.organisationId, command.conversationId);
    if (!conversation?.project) return;
    const project = conversation.project;
    const messages = await store.messages(conversation.id);
    const request = messages.find((message) => message.id === command.messageId && message.kind === 'user');
    // A redelivered command, or one for a message that is not there: answered already, or nothing to answer.
    if (!request || messages.some((message) => message.replyTo === request.id)) return;
    const reply = (fields: Partial<BacklogMessageEntity>) =>
      store.insertMessage({ conversationId: conversation.id, replyTo: request.id, ...fields });
    const fail = (text: string) => reply({ kind: 'failure', text });

    const items = await store.tree(project.id);
    const focus = conversation.itemId ? (items.find((item) => item.id === conversation.itemId) ?? null) : null;
    if (conversation.mode === 'task' && !focus)
      return void (await fail('The task this conversation decomposes no longer exists; start a new conversation.'));
    if (!models.forBacklog) return void (await fail('No model is configured for the backlog planner.'));

    let chat: { model: BaseChatModel; label: string };
    try {
      chat = await models.forBacklog(project.id, {
        organisationId: project.organisationId,
        userId: command.requestedBy,
      });
    } catch (error) {
      return void (await fail(
        `The backlog planner has no model: ${error instanceof Error ? error.message : String(error)}`,
      ));
    }
    if (!chat.model.bindTools) return void (await fail(`The model ${chat.label} does not support tool calling.`));
    const bound = chat.model.bindTools([PROPOSE_PATCH_TOOL], { tool_choice: 'propose_patch' });
    const context = { currentVersion: project.version, mode: conversation.mode, focusItemId: focus?.id ?? null };
    const conversationSoFar: BaseMessage[] = backlogMessages({
      project,
      items,
      mode: conversation.mode,
      focus,
      history: historyOf(messages, request.id),
      request: request.text ?? '',
    });

    let problems: string[] = [];
    for (let attempt = 1; attempt <= BACKLOG_MODEL_ATTEMPTS; attempt++) {
      let answer: AIMessage;
      try {
        answer = await bound.invoke(conversationSoFar, { signal });
      } catch (error) {
        return void (await fail(
          `The backlog planner's model (${chat.label}) could not answer: ${error instanceof Error ? error.message : String(error)}`,
        ));
      }
      const calls = answer.tool_calls ?? [];
      const call = calls.find((candidate) => candidate.name === 'propose_patch');
      problems = call ? [] : ['answer by calling propose_patch; a reply in words is not a patch'];
      let patch: BacklogPatch | null = null;
      if (call) {
        const parsed = parseBacklogChanges(call.args);
        if (!parsed.ok) problems = parsed.problems;
        else {
          patch = { ...parsed.changes, baseVersion: project.version };
          const outcome = applyBacklogPatch(items, patch, context);
          if (!outcome.ok) problems = outcome.problems;
        }
      }
      if (patch && problems.length === 0)
        return void (await reply({ kind: 'proposal', patch, model: chat.label, attempts: attempt }));
      conversationSoFar.push(answer);
      const correction = `The patch was refused:\n${problems.map((problem) => `- ${problem}`).join('\n')}\nCall propose_patch again with a corrected patch.`;
      // Every tool call must be answered before the conversation goes on.
      for (const made of calls)
        conversationSoFar.push(
          new ToolMessage({ tool_call_id: made.id ?? '', content: made === call ? correction : 'Not available.' }),
        );
      if (calls.length === 0) conversationSoFar.push(new HumanMessage(correction));
    }
    await fail(
      `The backlog planner's model (${chat.label}) answered with an invalid patch twice: ${problems.join('; ')}. Rephrase the request and try again.`,
    );
  }
}
