import { randomUUID } from 'node:crypto';
import {
  MessagePatterns,
  researchResultSchema,
  type ResearchQuery,
  type ResearchResult,
  type ResearchTool,
} from '@patchbay/contracts';
import type { PipelineDependencies } from './pipeline-dependencies';

/** How long a graph step waits for one research answer; the agent's own registry timeout is shorter. */
export const DEFAULT_RESEARCH_TIMEOUT_MS = 20_000;

/**
 * One question to the research agent over the bus, answered on AgentReplied. Each call has its
 * own request id: a research answer is cheap and cached by the agent, and a replayed step should
 * see today's advisories, not a remembered reply.
 */
export async function askResearchAgent(
  deps: Pick<PipelineDependencies, 'rpc' | 'researchTimeoutMs'>,
  taskId: string,
  query: ResearchTool,
): Promise<ResearchResult> {
  const request: ResearchQuery = {
    requestId: `${taskId}:research:${randomUUID()}`,
    taskId,
    replyTo: 'supervisor',
    query,
  };
  const answer = await deps.rpc.call(
    MessagePatterns.ResearchQuery,
    request,
    deps.researchTimeoutMs ?? DEFAULT_RESEARCH_TIMEOUT_MS,
  );
  // Checked, not only typed: the findings judged from it decide whether a change may be published.
  return researchResultSchema.parse(answer);
}
