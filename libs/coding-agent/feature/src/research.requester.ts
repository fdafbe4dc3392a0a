import { randomUUID } from 'node:crypto';
import type { MessageBus } from '@patchbay/bus';
import {
  agentReplySchema,
  MessagePatterns,
  researchResultSchema,
  type ResearchQuery,
  type ResearchResult,
  type ResearchTool,
} from '@patchbay/contracts';

/** A research tool call waits this long; the model then reads an error and carries on. */
export const CODER_RESEARCH_TIMEOUT_MS = 20_000;

interface Pending {
  resolve(result: ResearchResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The coder's side of a research question: published on ResearchQuery with replyTo
 * "coding-agent", answered on ResearchAnswered (which this service's queue consumes) and matched
 * by request id. An answer for a request this process does not know (another replica's, or one
 * that already timed out) is ignored; that caller's own timeout turns it into a tool error.
 */
export class ResearchRequester {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly bus: MessageBus,
    private readonly timeoutMs = CODER_RESEARCH_TIMEOUT_MS,
  ) {}

  ask(taskId: string, query: ResearchTool): Promise<ResearchResult> {
    const requestId = `${taskId}:coder-research:${randomUUID()}`;
    const request: ResearchQuery = { requestId, taskId, replyTo: 'coding-agent', query };
    return new Promise<ResearchResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`no answer within ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      this.bus.publish(MessagePatterns.ResearchQuery, request, { messageId: requestId }).catch((error: unknown) => {
        clearTimeout(timer);
        this.pending.delete(requestId);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  settle(payload: unknown): void {
    const parsed = agentReplySchema.safeParse(payload);
    if (!parsed.success) return;
    const pending = this.pending.get(parsed.data.requestId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(parsed.data.requestId);
    if (!parsed.data.ok)
      return pending.reject(new Error(parsed.data.error?.message ?? 'the research agent failed without saying why'));
    const result = researchResultSchema.safeParse(parsed.data.result);
    if (result.success) pending.resolve(result.data);
    else pending.reject(new Error('the research agent answered with a malformed result'));
  }
}
