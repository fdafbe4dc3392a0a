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
  /**
   * How often the supervisor looks for tasks that should be running but run nowhere (a start
   * command lost with a killed gateway, a run cut short), and how long a task may sit `queued`
   * before it counts as such. Defaults: every 15 s, queued for 30 s. An interval of 0 turns the
   * sweep off; a restart then resumes mid-stage tasks only and leaves queued ones to their commands.
   */
  strandedSweep?: { intervalMs: number; queuedForMs: number };
}

export const SUPERVISOR_OPTIONS = Symbol('SUPERVISOR_OPTIONS');
