import { z } from 'zod';
import { TASK_EVENT_PAYLOAD_SCHEMAS } from './task-event-payloads';

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
  'clarification_requested',
  'clarification_answered',
  'constraint_added',
  'explanation_requested',
  'explanation_chunk',
  'explanation_answered',
  'explanation_failed',
  'mcp_tool_called',
  'plan_conformance',
  'egress_report',
  'check_completed',
  'check_waived',
  'candidate_started',
  'candidate_finished',
  'candidate_selected',
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

/** What each task-event type carries; see task-event-payloads.ts for the fields. */
export type TaskEventPayloads = { [Type in TaskEventType]: z.infer<(typeof TASK_EVENT_PAYLOAD_SCHEMAS)[Type]> };
export type TaskEventPayload<Type extends TaskEventType> = TaskEventPayloads[Type];

/**
 * An event as a producer hands it over; the gateway assigns `id`, `seq` and `at` when it persists
 * it. A union on `type`, so checking the type narrows the payload.
 */
export type NewTaskEvent = {
  [Type in TaskEventType]: { taskId: string; type: Type; agent: AgentName; payload: TaskEventPayload<Type> };
}[TaskEventType];

/** An event as clients see it over REST and WebSocket: persisted, ordered per task by `seq`. */
export type TaskEvent = {
  [Type in TaskEventType]: {
    id: string;
    taskId: string;
    seq: number;
    type: Type;
    agent: AgentName;
    payload: TaskEventPayload<Type>;
    at: string;
  };
}[TaskEventType];

/** The event of one type, e.g. `TaskEventOf<'pr_created'>`. */
export type TaskEventOf<Type extends TaskEventType> = Extract<TaskEvent, { type: Type }>;

/** The events of one type, typed as such: `eventsOfType(events, 'error')[0]?.payload.category`. */
export function eventsOfType<Event extends NewTaskEvent | TaskEvent, Type extends TaskEventType>(
  events: readonly Event[],
  type: Type,
): Array<Extract<Event, { type: Type }>> {
  return events.filter((event): event is Extract<Event, { type: Type }> => event.type === type);
}

/** Builds a producer's event from its parts; the payload type follows from `type`. */
export function newTaskEvent<Type extends TaskEventType>(
  taskId: string,
  type: Type,
  agent: AgentName,
  payload: TaskEventPayload<Type>,
): NewTaskEvent {
  // A mapped union cannot be built from a generic `type` without this one assertion; the signature above is what checks the payload.
  return { taskId, type, agent, payload } as NewTaskEvent;
}

const eventEnvelope = { taskId: z.uuid(), agent: z.enum(AGENT_NAMES) };

/**
 * A producer's event as it crosses the bus into the gateway. Payloads are checked against their
 * type's schema but may carry fields the schema does not name, as events always could: a producer
 * adding a field must not have its events dropped by an older gateway.
 */
export const newTaskEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...eventEnvelope,
    type: z.literal('status_changed'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.status_changed.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('agent_thought'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.agent_thought.loose(),
  }),
  z.object({ ...eventEnvelope, type: z.literal('plan_ready'), payload: TASK_EVENT_PAYLOAD_SCHEMAS.plan_ready.loose() }),
  z.object({
    ...eventEnvelope,
    type: z.literal('file_modified'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.file_modified.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('command_executed'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.command_executed.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('test_results'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.test_results.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('checkpoint_reached'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.checkpoint_reached.loose(),
  }),
  z.object({ ...eventEnvelope, type: z.literal('diff_ready'), payload: TASK_EVENT_PAYLOAD_SCHEMAS.diff_ready.loose() }),
  z.object({ ...eventEnvelope, type: z.literal('pr_created'), payload: TASK_EVENT_PAYLOAD_SCHEMAS.pr_created.loose() }),
  z.object({
    ...eventEnvelope,
    type: z.literal('audio_ready'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.audio_ready.loose(),
  }),
  z.object({ ...eventEnvelope, type: z.literal('error'), payload: TASK_EVENT_PAYLOAD_SCHEMAS.error.loose() }),
  z.object({
    ...eventEnvelope,
    type: z.literal('explanation_requested'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.explanation_requested.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('explanation_chunk'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.explanation_chunk.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('explanation_answered'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.explanation_answered.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('explanation_failed'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.explanation_failed.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('mcp_tool_called'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.mcp_tool_called.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('check_completed'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.check_completed.loose(),
  }),
  z.object({
    ...eventEnvelope,
    type: z.literal('check_waived'),
    payload: TASK_EVENT_PAYLOAD_SCHEMAS.check_waived.loose(),
  }),
]);

export type TaskEventCheck = { ok: true; event: NewTaskEvent } | { ok: false; issues: string[] };

/**
 * Checks a message that claims to be a task event. The event handed back is the message as it
 * was sent, not zod's copy of it: parsing drops unnamed fields of nested objects and fills in
 * defaults, and what a producer sent is what is stored.
 */
export function checkNewTaskEvent(message: unknown): TaskEventCheck {
  const parsed = newTaskEventSchema.safeParse(message);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  // The parse above proved the message has this shape; only its extra fields are not in the type.
  return { ok: true, event: message as NewTaskEvent };
}
