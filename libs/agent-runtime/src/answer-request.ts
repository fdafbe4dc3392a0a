import { Inject, Injectable } from '@nestjs/common';
import {
  MessagePatterns,
  type AgentError,
  type AgentReply,
  type AgentReplyOf,
  type AgentRequestPattern,
  type MessagePattern,
} from '@patchbay/contracts';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { BudgetExceededError, ModelConfigurationError } from '@patchbay/model/errors';

/** An error an agent raises on purpose, with the category that tells the supervisor what to do. */
export class AgentFailure extends Error {
  constructor(
    readonly category: AgentError['category'],
    message: string,
    readonly recoverable = category !== 'security',
    /** The budget that stopped a model call, for the supervisor to pause the task on. */
    readonly budget?: AgentError['budget'],
  ) {
    super(message);
    this.name = 'AgentFailure';
  }
}

const REMEMBERED_REPLIES = 500;

/**
 * Runs an agent's work for one supervisor request and publishes the reply. A redelivered or
 * replayed request (same requestId) gets the remembered reply instead of running the work again.
 */
@Injectable()
export class RequestAnswerer {
  private readonly replies = new Map<string, AgentReply>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  /**
   * `pattern` is the request being answered: the work must resolve to that pattern's reply type
   * (AGENT_REQUESTS), so an agent cannot answer with a shape its asker does not read.
   * `replyPattern`: where the asker waits; the supervisor's AgentReplied unless the asker is another agent.
   */
  async answer<Pattern extends AgentRequestPattern>(
    _pattern: Pattern,
    request: { requestId: string; taskId: string },
    work: () => Promise<AgentReplyOf<Pattern>>,
    replyPattern: MessagePattern = MessagePatterns.AgentReplied,
  ): Promise<void> {
    const remembered = this.replies.get(request.requestId);
    if (remembered) return this.bus.publish(replyPattern, remembered);
    const inFlight = this.running.get(request.requestId);
    if (inFlight) return inFlight;
    const run = this.run(request, work, replyPattern).finally(() => this.running.delete(request.requestId));
    this.running.set(request.requestId, run);
    return run;
  }

  private async run(
    request: { requestId: string; taskId: string },
    work: () => Promise<unknown>,
    replyPattern: MessagePattern,
  ): Promise<void> {
    let reply: AgentReply;
    try {
      reply = { requestId: request.requestId, taskId: request.taskId, ok: true, result: await work() };
    } catch (error) {
      const failure = agentFailureOf(error);
      reply = {
        requestId: request.requestId,
        taskId: request.taskId,
        ok: false,
        error: {
          category: failure.category,
          message: failure.message,
          recoverable: failure.recoverable,
          ...(failure.budget ? { budget: failure.budget } : {}),
        },
      };
    }
    this.replies.set(request.requestId, reply);
    if (this.replies.size > REMEMBERED_REPLIES) this.replies.delete(this.replies.keys().next().value as string);
    await this.bus.publish(replyPattern, reply);
  }
}

/** A model setup a person must change is user-correctable; anything unexpected is transient. */
function agentFailureOf(error: unknown): AgentFailure {
  if (error instanceof AgentFailure) return error;
  if (error instanceof ModelConfigurationError) return new AgentFailure('user_correctable', error.message);
  if (error instanceof BudgetExceededError)
    return new AgentFailure('user_correctable', error.message, true, error.reached);
  return new AgentFailure('transient', error instanceof Error ? error.message : String(error));
}
