import type { KeyProvider } from '@patchbay/secrets';
import type { PlannerModels } from '@patchbay/pipeline';
import type { SandboxClient } from '@patchbay/sandbox-client';
import type { SpeechSynthesizer } from '@patchbay/speech';

export interface SupervisorOptions {
  /** The database holding LangGraph's checkpoints (schema `langgraph`) and the task lease. */
  databaseUrl: string;
  sandbox: SandboxClient;
  models: PlannerModels;
  maxRounds: number;
  /** How long a task waiting for a human keeps its sandbox before the sandbox service removes it. */
  sandboxPausedTtlMs: number;
  timeouts: { codingMs: number; validationMs: number; publishMs: number };
  /** Speaks finished tasks' summaries; null or absent: none (TTS_PROVIDER=off). */
  speech?: SpeechSynthesizer | null;
  /** Opens remote MCP servers' sealed credentials (the gateway's key settings); absent: those servers are not used. */
  mcpKeyProviders?: readonly KeyProvider[];
}

export const SUPERVISOR_OPTIONS = Symbol('SUPERVISOR_OPTIONS');
