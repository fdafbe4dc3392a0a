import type { TaskModels } from '@patchbay/pipeline-services';
import type { KeyProvider } from '@patchbay/secrets';
import type { SandboxClient } from '@patchbay/sandbox-client';

export interface CodingAgentOptions {
  sandbox: SandboxClient;
  models: TaskModels;
  /** Model turns per round before the loop stops by itself. */
  stepBudget: number;
  /** How long a research tool call waits for the research agent (default CODER_RESEARCH_TIMEOUT_MS). */
  researchTimeoutMs?: number;
  /** Open remote MCP servers' sealed credentials (the gateway's key settings); without them such servers are left out. */
  mcpKeyProviders?: readonly KeyProvider[];
}

export const CODING_AGENT_OPTIONS = Symbol('CODING_AGENT_OPTIONS');
