import type { MessageBus } from '@patchbay/bus';
import {
  agentReplySchema,
  type AgentError,
  type AgentReply,
  type AgentReplyOf,
  type AgentRequestOf,
  type AgentRequestPattern,
} from '@patchbay/contracts';

/** An agent answered with a categorised failure; the graph decides what that category means. */
export class AgentRequestFailed extends Error {
  constructor(readonly error: AgentError) {
    super(error.message);
    this.name = 'AgentRequestFailed';
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply over the bus for graph nodes that belong to an agent. The requestId is chosen by
 * the caller and stable across replays of a graph step, so a supervisor that restarts mid-step
 * asks again with the same id and the agent can answer from memory.
 */
export class AgentRpcClient {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly bus: MessageBus) {}

  /** The request and reply types follow from the pattern (AGENT_REQUESTS); a reply's `result` is taken as the agent built it. */
  call<Pattern extends AgentRequestPattern>(
    pattern: Pattern,
    request: AgentRequestOf<Pattern> & { requestId: string; taskId: string },
    timeoutMs: number,
  ): Promise<AgentReplyOf<Pattern>> {
    return new Promise<AgentReplyOf<Pattern>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(request.requestId);
        reject(
          new AgentRequestFailed({
            category: 'transient',
            message: `${pattern} did not answer within ${Math.round(timeoutMs / 1000)} s`,
            recoverable: true,
          }),
        );
      }, timeoutMs);
      // The agent answering this pattern built `result` as AgentReplyOf<Pattern> (see RequestAnswerer).
      this.pending.set(request.requestId, {
        resolve: (value) => resolve(value as AgentReplyOf<Pattern>),
        reject,
        timer,
      });
      this.bus.publish(pattern, request, { messageId: request.requestId }).catch((error: unknown) => {
        clearTimeout(timer);
        this.pending.delete(request.requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /** Called for every AgentReplied message; replies nobody waits for (a previous run's) are ignored. */
  settle(payload: unknown): void {
    const parsed = agentReplySchema.safeParse(payload);
    if (!parsed.success) return;
    const reply: AgentReply = parsed.data;
    const pending = this.pending.get(reply.requestId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(reply.requestId);
    if (reply.ok) pending.resolve(reply.result);
    else
      pending.reject(
        new AgentRequestFailed(
          reply.error ?? { category: 'transient', message: 'the agent failed without saying why', recoverable: true },
        ),
      );
  }

  /** Fails every outstanding request, e.g. on shutdown, so no graph step waits forever. */
  abandonAll(reason: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new AgentRequestAbandoned(reason));
      this.pending.delete(id);
    }
  }
}

/** A request the supervisor stopped waiting for because it is shutting down: not the agent's answer. */
export class AgentRequestAbandoned extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'AgentRequestAbandoned';
  }
}
