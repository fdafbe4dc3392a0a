import { z } from 'zod';

export const TASK_EVENT_TYPES = [
  'status_changed',
  'agent_thought',
  'plan_ready',
  'file_modified',
  'command_executed',
  'test_results',
  'checkpoint_reached',
  'diff_ready',
  'pr_created',
  'audio_ready',
  'error',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

export const AGENT_NAMES = [
  'gateway',
  'supervisor',
  'coding-agent',
  'testing-agent',
  'github-agent',
  'research-agent',
  'sandbox',
] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

/** An event as a producer hands it over; the gateway assigns `id`, `seq` and `at` when it persists it. */
export const newTaskEventSchema = z.object({
  taskId: z.uuid(),
  type: z.enum(TASK_EVENT_TYPES),
  agent: z.enum(AGENT_NAMES),
  payload: z.record(z.string(), z.unknown()),
});
export type NewTaskEvent = z.infer<typeof newTaskEventSchema>;

/** An event as clients see it over REST and WebSocket: persisted, ordered per task by `seq`. */
export interface TaskEvent extends NewTaskEvent {
  id: string;
  seq: number;
  at: string;
}
