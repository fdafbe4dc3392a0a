import type { TaskModels } from '@patchbay/agent-runtime';
import type { SandboxClient } from '@patchbay/sandbox-client';

export interface CodingAgentOptions {
  sandbox: SandboxClient;
  models: TaskModels;
  /** Model turns per round before the loop stops by itself. */
  stepBudget: number;
}

export const CODING_AGENT_OPTIONS = Symbol('CODING_AGENT_OPTIONS');
