import {
  TIMELINE_ENTRY_KINDS,
  type ApprovalTimelineEntry,
  type TaskCheckpointView,
  type TaskEvent,
  type TaskTimeline,
  type TaskTimelineEntry,
  type TimelineEntryKind,
} from '@patchbay/contracts';
import type { ModelCallRow } from '@patchbay/persistence';

/** One model call as the usage records keep it (tokens, cost, time; `at` is when it ended). */
export type TimelineModelCall = ModelCallRow;

/** One decision from the approvals record, automatic ones included. */
export type TimelineApproval = ApprovalTimelineEntry['detail'] & { id: string; at: Date };

export interface TimelineSources {
  /** In `seq` order. */
  events: readonly TaskEvent[];
  modelCalls: readonly TimelineModelCall[];
  approvals: readonly TimelineApproval[];
  checkpoints: readonly TaskCheckpointView[];
}

/**
 * Puts everything a task did into one order (ADR 0036). Events keep their `seq` order even where
 * two share a timestamp or their clocks disagree; model calls, approvals and checkpoints are
 * merged in by time, after the events of the same instant. Events that repeat a fact another
 * source holds whole are left out: `checkpoint_reached` (the approvals record has the decision,
 * automatic ones too) and `explanation_chunk` (pieces of the answer its `explanation_answered` holds).
 */
export function assembleTaskTimeline(
  taskId: string,
  sources: TimelineSources,
  kinds?: readonly TimelineEntryKind[],
): TaskTimeline {
  const lanes: TaskTimelineEntry[][] = [
    sources.events.flatMap((event) => entriesOfEvent(event)),
    [...sources.modelCalls].sort(byTime((call) => call.at)).map(modelCallEntry),
    [...sources.approvals].sort(byTime((approval) => approval.at)).map(approvalEntry),
    [...sources.checkpoints].sort(byTime((checkpoint) => new Date(checkpoint.at))).map(checkpointEntry),
  ];
  const all = mergeByTime(lanes);
  const counts = Object.fromEntries(TIMELINE_ENTRY_KINDS.map((kind) => [kind, 0])) as Record<TimelineEntryKind, number>;
  for (const entry of all) counts[entry.kind] += 1;
  const wanted = kinds ? new Set(kinds) : null;
  return { taskId, entries: wanted ? all.filter((entry) => wanted.has(entry.kind)) : all, counts };
}

/** Merges lanes that are each in order; on equal times the earlier lane (the events) goes first. */
function mergeByTime(lanes: TaskTimelineEntry[][]): TaskTimelineEntry[] {
  const positions = lanes.map(() => 0);
  const merged: TaskTimelineEntry[] = [];
  for (;;) {
    let pick: { lane: number; entry: TaskTimelineEntry } | null = null;
    lanes.forEach((lane, index) => {
      const next = lane[positions[index] ?? 0];
      // Strictly earlier only: on a tie the lane found first keeps its turn.
      if (next && (!pick || Date.parse(next.at) < Date.parse(pick.entry.at))) pick = { lane: index, entry: next };
    });
    if (!pick) return merged;
    const { lane, entry } = pick as { lane: number; entry: TaskTimelineEntry };
    merged.push(entry);
    positions[lane] = (positions[lane] ?? 0) + 1;
  }
}

function byTime<T>(time: (item: T) => Date): (a: T, b: T) => number {
  return (a, b) => time(a).getTime() - time(b).getTime();
}

function entriesOfEvent(event: TaskEvent): TaskTimelineEntry[] {
  const base = { id: `event:${event.seq}`, at: event.at, agent: event.agent, eventSeq: event.seq };
  switch (event.type) {
    case 'status_changed':
      return [
        {
          ...base,
          kind: 'status',
          summary: `${event.payload.from ?? 'created'} → ${event.payload.to}${event.payload.by ? ` by ${event.payload.by}` : ''}`,
          detail: event.payload,
        },
      ];
    case 'agent_thought': {
      const p = event.payload;
      if (p.tool)
        return [
          {
            ...base,
            kind: 'tool_call',
            summary: `${p.role ?? event.agent} ${p.tool}${p.refused ? ' (refused)' : ''}`,
            detail: {
              tool: p.tool,
              role: p.role ?? null,
              server: null,
              args: p.args ?? null,
              result: p.result ?? null,
              refused: p.refused === true,
              durationMs: null,
              round: p.round ?? null,
            },
          },
        ];
      return [
        {
          ...base,
          kind: 'message',
          summary: p.message,
          detail: { text: p.message, role: p.role ?? null, model: p.model ?? null },
        },
      ];
    }
    case 'mcp_tool_called': {
      const p = event.payload;
      return [
        {
          ...base,
          kind: 'tool_call',
          summary: `${p.role} ${p.server}.${p.tool}${p.ok ? '' : ` failed${p.error ? `: ${p.error}` : ''}`}`,
          detail: {
            tool: p.tool,
            role: p.role,
            server: p.server,
            args: p.args,
            result: `${p.resultBytes} bytes`,
            refused: !p.ok,
            durationMs: p.durationMs,
            round: p.round ?? null,
          },
        },
      ];
    }
    case 'command_executed': {
      const p = event.payload;
      const outcome = p.timedOut ? 'timed out' : `exit ${p.exitCode ?? '?'}`;
      if (p.phase === 'setup')
        return [{ ...base, kind: 'package_install', summary: `${p.command} (${outcome})`, detail: p }];
      return [{ ...base, kind: 'command', summary: `${p.command} (${outcome}, ${p.durationMs} ms)`, detail: p }];
    }
    case 'file_modified':
      return [
        {
          ...base,
          kind: 'file_change',
          summary: `${event.payload.change} ${event.payload.path} (+${event.payload.additions} −${event.payload.deletions})`,
          detail: event.payload,
        },
      ];
    case 'plan_ready':
      return [
        {
          ...base,
          kind: 'plan',
          summary: `Plan v${event.payload.version} by ${event.payload.model}: ${event.payload.plan.steps.length} step${event.payload.plan.steps.length === 1 ? '' : 's'}`,
          detail: event.payload,
        },
      ];
    case 'test_results':
      return [
        {
          ...base,
          kind: 'test_run',
          summary: `${event.payload.phase} tests: ${event.payload.passed} passed, ${event.payload.failed} failed (${event.payload.framework})`,
          detail: event.payload,
        },
      ];
    case 'diff_ready':
      return [
        {
          ...base,
          kind: 'diff',
          summary: `Diff ready: ${event.payload.files.length} file${event.payload.files.length === 1 ? '' : 's'}`,
          detail: event.payload,
        },
      ];
    case 'pr_created':
      return [
        {
          ...base,
          kind: 'pull_request',
          summary: `Pull request #${event.payload.number} on ${event.payload.branch}`,
          detail: event.payload,
        },
      ];
    case 'error':
      return [{ ...base, kind: 'error', summary: event.payload.message, detail: event.payload }];
    case 'audio_ready':
      return [message(base, 'Spoken summary ready')];
    case 'clarification_requested':
      return [message(base, `Question ${event.payload.questionNumber}: ${event.payload.question}`, 'planner')];
    case 'clarification_answered':
      return [message(base, `${event.payload.answeredBy} answered: ${event.payload.answer}`)];
    case 'constraint_added':
      return [
        message(
          base,
          `${event.payload.addedBy} added a constraint${event.payload.note ? `: ${event.payload.note}` : ''}`,
        ),
      ];
    case 'explanation_requested':
      return [message(base, `${event.payload.by} asked: ${event.payload.question}`)];
    case 'explanation_answered':
      return [message(base, event.payload.answer, 'reviewer', event.payload.model)];
    case 'explanation_failed':
      return [message(base, `No explanation: ${event.payload.message}`)];
    case 'plan_conformance': {
      const outside = event.payload.outOfPlan;
      return [
        message(
          base,
          outside.length === 0
            ? 'Plan conformance: every change is inside the plan'
            : `Plan conformance: ${outside.length} change${outside.length === 1 ? '' : 's'} outside the plan (${outside.join(', ')})`,
        ),
      ];
    }
    case 'egress_report':
      return [
        message(
          base,
          event.payload.monitored
            ? `Egress: ${event.payload.blocked} connection attempt${event.payload.blocked === 1 ? '' : 's'} refused${event.payload.targets.length ? ` (${event.payload.targets.join(', ')})` : ''}`
            : 'Egress: not monitored (the sandbox had no network)',
        ),
      ];
    case 'check_completed':
      return [
        message(
          base,
          `Required check ${event.payload.name} (${event.payload.command}): ${event.payload.status} in ${event.payload.durationMs} ms`,
        ),
      ];
    case 'check_waived':
      return [
        message(base, `${event.payload.waivedBy} waived required check ${event.payload.name}: ${event.payload.reason}`),
      ];
    case 'candidate_started':
      return [message(base, `Candidate ${event.payload.candidate} of ${event.payload.of} started`)];
    case 'candidate_finished': {
      const p = event.payload;
      const outcome = p.error ? `stopped: ${p.error}` : p.done ? 'passes' : 'does not pass';
      return [message(base, `Candidate ${p.candidate} of ${p.of} ${outcome} (${p.changedLines} changed lines)`)];
    }
    case 'candidate_selected':
      return [
        message(
          base,
          `Candidate ${event.payload.candidate} of ${event.payload.of} selected by the ${event.payload.by}: ${event.payload.reason}`,
        ),
      ];
    case 'checkpoint_reached':
    case 'explanation_chunk':
      return [];
  }
}

function message(
  base: Pick<TaskTimelineEntry, 'id' | 'at' | 'agent' | 'eventSeq'>,
  text: string,
  role: string | null = null,
  model: string | null = null,
): TaskTimelineEntry {
  return { ...base, kind: 'message', summary: text, detail: { text, role, model } };
}

function modelCallEntry(call: TimelineModelCall): TaskTimelineEntry {
  const tokens = call.promptTokens + call.completionTokens;
  return {
    id: `model_call:${call.id}`,
    at: call.at.toISOString(),
    agent: null,
    eventSeq: null,
    kind: 'model_call',
    summary: `${call.role} · ${call.model} · ${tokens} tokens · $${call.costUsd.toFixed(4)} · ${call.durationMs} ms`,
    detail: {
      role: call.role,
      model: call.model,
      promptTokens: call.promptTokens,
      completionTokens: call.completionTokens,
      costUsd: call.costUsd,
      durationMs: call.durationMs,
    },
  };
}

function approvalEntry({ id, at, ...detail }: TimelineApproval): TaskTimelineEntry {
  return {
    id: `approval:${id}`,
    at: at.toISOString(),
    agent: null,
    eventSeq: null,
    kind: 'approval',
    summary: `${detail.subject}${detail.planVersion ? ` v${detail.planVersion}` : ''} ${detail.decision} ${detail.automatic ? 'automatically' : `by ${detail.by ?? 'a former member'}`}`,
    detail,
  };
}

function checkpointEntry(checkpoint: TaskCheckpointView): TaskTimelineEntry {
  return {
    id: `checkpoint:${checkpoint.checkpointId}`,
    at: checkpoint.at,
    agent: null,
    eventSeq: null,
    kind: 'checkpoint',
    summary: `Checkpoint ${checkpoint.node ? `after ${checkpoint.node}` : 'at the start'}${checkpoint.next ? `, next ${checkpoint.next}` : ''} (attempt ${checkpoint.attempt})`,
    detail: checkpoint,
  };
}
