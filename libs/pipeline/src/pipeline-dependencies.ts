import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BudgetLine } from '@patchbay/contracts';
import type { ContextBudget } from '@patchbay/model';
import type { KeyProvider } from '@patchbay/secrets';
import type {
  ApprovalRepository,
  McpServerRepository,
  PipelineRepository,
  PullRequestRepository,
  TaskCheckpointRepository,
} from '@patchbay/persistence';
import type { SandboxClient } from '@patchbay/sandbox-client';
import type { SpeechSynthesizer } from '@patchbay/speech';
import type { AgentRpcClient } from './agent-rpc.client';
import type { TaskEventPublisher } from './task-event-publisher';

export type ModelRole = 'planner' | 'coder' | 'reviewer' | 'summariser';

/** Gives the chat model for a role (and what to call it in events and pull requests). */
export interface PlannerModels {
  forTask(
    taskId: string,
    role: ModelRole,
    model: string | null,
    owner?: { organisationId: string; userId: string | null },
  ): Promise<{ model: BaseChatModel; label: string; contextBudget?: ContextBudget }>;
  /** Rejects with BudgetExceededError when a budget of the task is reached; otherwise the task's budget lines (none without budgets). */
  checkBudget?(taskId: string): Promise<BudgetLine[] | undefined>;
  /** The backlog planner's model for a project, outside any task (ADR 0035); absent: the planner answers with a failure. */
  forBacklog?(
    projectId: string,
    owner: { organisationId: string; userId: string | null },
  ): Promise<{ model: BaseChatModel; label: string }>;
}

/** Everything the task graph's nodes reach for; injected so tests can use real services on their own terms. */
export interface PipelineDependencies {
  store: PipelineRepository;
  pullRequests: PullRequestRepository;
  events: TaskEventPublisher;
  rpc: AgentRpcClient;
  sandbox: SandboxClient;
  models: PlannerModels;
  /** Rounds of coding → validation before the task pauses for a human. */
  maxRounds: number;
  /** How long a task waiting for a human keeps its sandbox (SANDBOX_PAUSED_TTL_MS). */
  sandboxPausedTtlMs: number;
  timeouts: { codingMs: number; validationMs: number; publishMs: number };
  /** How long a research tool call or dependency check waits for the research agent (default DEFAULT_RESEARCH_TIMEOUT_MS). */
  researchTimeoutMs?: number;
  /** Speaks the summary of a finished task (TTS_PROVIDER); absent: no spoken summary. */
  speech?: SpeechSynthesizer | null;
  /** The MCP servers registered for the task's organisation and repository (ADR 0029); absent: none. */
  mcpServers?: Pick<McpServerRepository, 'listForRepository' | 'allowList'>;
  /**
   * Key providers that open remote MCP servers' sealed credentials (the gateway's settings: the
   * current provider first); absent: a remote server with a credential is not used.
   */
  mcpKeyProviders?: readonly KeyProvider[];
  /** The record of the graph's checkpoints and the workspace snapshots forks restore (ADR 0036); absent: none is kept. */
  checkpoints?: Pick<TaskCheckpointRepository, 'record' | 'find' | 'threadStart' | 'workspaceSnapshot'>;
  /** Reads a fork's edited plan, stored by the gateway with the fork (ADR 0036). */
  plans?: Pick<ApprovalRepository, 'latestPlan'>;
}
