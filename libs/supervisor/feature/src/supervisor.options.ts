import type { PlannerModels } from '@patchbay/pipeline';
import type { SandboxClient } from '@patchbay/sandbox-client';

export interface SupervisorOptions {
  /** The database holding LangGraph's checkpoints (schema `langgraph`) and the task lease. */
  databaseUrl: string;
  sandbox: SandboxClient;
  models: PlannerModels;
  maxRounds: number;
  timeouts: { codingMs: number; validationMs: number; publishMs: number };
}

export const SUPERVISOR_OPTIONS = Symbol('SUPERVISOR_OPTIONS');
