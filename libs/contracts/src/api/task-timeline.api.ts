import { z } from 'zod';
import type { ApprovalDecision, ApprovalSubject } from '../messages/task-commands';
import type { ReviewComment } from './plan-review.api';
import type { AgentName, TaskEventPayload } from '../task-event';

/**
 * What a task's timeline shows (ADR 0036): one ordered view of everything the task did, assembled
 * from its events, its model calls (usage records), its approvals and its graph checkpoints.
 */
export const TIMELINE_ENTRY_KINDS = [
  'status',
  'model_call',
  'tool_call',
  'command',
  'package_install',
  'file_change',
  'plan',
  'approval',
  'checkpoint',
  'test_run',
  'diff',
  'pull_request',
  'message',
  'error',
] as const;
export type TimelineEntryKind = (typeof TIMELINE_ENTRY_KINDS)[number];

const knownKinds = new Set<string>(TIMELINE_ENTRY_KINDS);

/**
 * `?kinds=command,model_call`: the kinds to keep (all when absent). An unknown kind is a 400 that
 * names it and the kinds there are, rather than an empty timeline the caller cannot explain.
 */
export const taskTimelineQuerySchema = z.strictObject({
  kinds: z
    .string()
    .max(500, 'kinds must be at most 500 characters')
    .transform((raw, ctx): TimelineEntryKind[] => {
      const asked = raw
        .split(',')
        .map((kind) => kind.trim())
        .filter((kind) => kind.length > 0);
      const unknown = asked.filter((kind) => !knownKinds.has(kind));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown kind${unknown.length === 1 ? '' : 's'} ${unknown.map((kind) => `"${kind}"`).join(', ')}; the kinds are ${TIMELINE_ENTRY_KINDS.join(', ')}`,
        });
        return z.NEVER;
      }
      if (asked.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'name at least one kind, or leave kinds out for all of them' });
        return z.NEVER;
      }
      return [...new Set(asked)] as TimelineEntryKind[];
    })
    .optional(),
});
export type TaskTimelineQuery = z.infer<typeof taskTimelineQuerySchema>;

interface TimelineEntryBase {
  /** Stable across reads: `event:<seq>`, `model_call:<id>`, `approval:<id>`, `checkpoint:<id>`. */
  id: string;
  at: string;
  /** Who did it; null for what no agent did (a person's approval, a graph checkpoint). */
  agent: AgentName | null;
  /** One line a person reads in the list. */
  summary: string;
  /** The task event the entry comes from, when it comes from one. */
  eventSeq: number | null;
}

export interface StatusTimelineEntry extends TimelineEntryBase {
  kind: 'status';
  detail: TaskEventPayload<'status_changed'>;
}

export interface ModelCallTimelineEntry extends TimelineEntryBase {
  kind: 'model_call';
  detail: {
    /** planner, coder, reviewer, summariser. */
    role: string;
    model: string;
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
    durationMs: number;
  };
}

export interface ToolCallTimelineEntry extends TimelineEntryBase {
  kind: 'tool_call';
  detail: {
    tool: string;
    role: string | null;
    /** The MCP server that served it (ADR 0029); null for Patchbay's own tools. */
    server: string | null;
    args: Record<string, unknown> | null;
    result: string | null;
    /** Refused by a rule (a constraint, the syntax gate) or failed at the server. */
    refused: boolean;
    durationMs: number | null;
    round: number | null;
  };
}

export interface CommandTimelineEntry extends TimelineEntryBase {
  kind: 'command';
  /** As the event carries it: head and tail of each stream, secrets masked; `outputArtifactId` names the whole output. */
  detail: TaskEventPayload<'command_executed'>;
}

export interface PackageInstallTimelineEntry extends TimelineEntryBase {
  kind: 'package_install';
  detail: TaskEventPayload<'command_executed'>;
}

export interface FileChangeTimelineEntry extends TimelineEntryBase {
  kind: 'file_change';
  detail: TaskEventPayload<'file_modified'>;
}

export interface PlanTimelineEntry extends TimelineEntryBase {
  kind: 'plan';
  detail: TaskEventPayload<'plan_ready'>;
}

export interface ApprovalTimelineEntry extends TimelineEntryBase {
  kind: 'approval';
  detail: {
    subject: ApprovalSubject;
    decision: ApprovalDecision;
    /** The login of who decided; null for an automatic approval. */
    by: string | null;
    automatic: boolean;
    contentHash: string;
    planVersion: number | null;
    feedback: string | null;
    comments: ReviewComment[];
  };
}

export interface CheckpointTimelineEntry extends TimelineEntryBase {
  kind: 'checkpoint';
  detail: TaskCheckpointView;
}

export interface TestRunTimelineEntry extends TimelineEntryBase {
  kind: 'test_run';
  detail: TaskEventPayload<'test_results'>;
}

export interface DiffTimelineEntry extends TimelineEntryBase {
  kind: 'diff';
  detail: TaskEventPayload<'diff_ready'>;
}

export interface PullRequestTimelineEntry extends TimelineEntryBase {
  kind: 'pull_request';
  detail: TaskEventPayload<'pr_created'>;
}

export interface MessageTimelineEntry extends TimelineEntryBase {
  kind: 'message';
  detail: { text: string; role: string | null; model: string | null };
}

export interface ErrorTimelineEntry extends TimelineEntryBase {
  kind: 'error';
  detail: TaskEventPayload<'error'>;
}

/** One entry of a task's timeline; `kind` says which. */
export type TaskTimelineEntry =
  | StatusTimelineEntry
  | ModelCallTimelineEntry
  | ToolCallTimelineEntry
  | CommandTimelineEntry
  | PackageInstallTimelineEntry
  | FileChangeTimelineEntry
  | PlanTimelineEntry
  | ApprovalTimelineEntry
  | CheckpointTimelineEntry
  | TestRunTimelineEntry
  | DiffTimelineEntry
  | PullRequestTimelineEntry
  | MessageTimelineEntry
  | ErrorTimelineEntry;

/** `GET /tasks/:id/timeline`: entries oldest first; `counts` per kind over the whole timeline, whatever the filter. */
export interface TaskTimeline {
  taskId: string;
  entries: TaskTimelineEntry[];
  counts: Record<TimelineEntryKind, number>;
}

/** `GET /tasks/:id/timeline/export`: the timeline with what it is about, as a file. */
export interface TaskTimelineExport extends TaskTimeline {
  exportedAt: string;
  task: { id: string; repository: string; prompt: string; status: string; attempt: number; model: string | null };
  kinds: TimelineEntryKind[] | 'all';
}

/**
 * A LangGraph checkpoint of the task, as the supervisor records it (ADR 0036): which node had just
 * run (`node`, null for the thread's first checkpoint) and which runs next (`next`, null at the end).
 */
export interface TaskCheckpointView {
  checkpointId: string;
  attempt: number;
  node: string | null;
  next: string | null;
  /** The coding round the task was in. */
  round: number;
  hasPlan: boolean;
  /** Whether a fork can restore the workspace as it was here (ADR 0036, "Workspace snapshots"). */
  forkable: boolean;
  /** Why not, when it is not. */
  notForkableBecause: string | null;
  at: string;
}
