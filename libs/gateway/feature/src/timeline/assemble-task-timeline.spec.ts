import type { TaskEvent } from '@patchbay/contracts';
import { assembleTaskTimeline, type TimelineSources } from './assemble-task-timeline';

const taskId = '00000000-0000-4000-8000-000000000001';
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

function event(seq: number, second: number, rest: Pick<TaskEvent, 'type' | 'agent' | 'payload'>): TaskEvent {
  return { id: `e${seq}`, taskId, seq, at: at(second), ...rest } as TaskEvent;
}

const sources: TimelineSources = {
  events: [
    event(1, 0, { type: 'status_changed', agent: 'gateway', payload: { from: null, to: 'queued', by: 'dev' } }),
    event(2, 2, {
      type: 'command_executed',
      agent: 'sandbox',
      payload: { phase: 'setup', command: 'npm ci', exitCode: 0, durationMs: 900, timedOut: false },
    }),
    event(3, 5, {
      type: 'plan_ready',
      agent: 'supervisor',
      payload: {
        plan: {
          summary: 'Greet',
          steps: [{ id: 's1', title: 'Edit', detail: 'edit a.js', files: ['a.js'] }],
          targetTests: [],
        },
        version: 1,
        contentHash: 'h',
        model: 'model-a',
      },
    }),
    // Stored after the plan but stamped a moment earlier: the log's own order must win.
    event(4, 4, {
      type: 'checkpoint_reached',
      agent: 'gateway',
      payload: { approval: 'x', subject: 'plan', decision: 'approved', by: 'dev', contentHash: 'h' },
    }),
    event(5, 7, {
      type: 'agent_thought',
      agent: 'coding-agent',
      payload: {
        message: 'coder edit_file',
        role: 'coder',
        tool: 'edit_file',
        args: { path: 'a.js' },
        result: 'ok',
        round: 1,
      },
    }),
    event(6, 8, {
      type: 'command_executed',
      agent: 'coding-agent',
      payload: {
        command: 'node a.js',
        exitCode: 1,
        durationMs: 12,
        timedOut: false,
        stdout: 'hi',
        stderr: 'boom',
        round: 1,
      },
    }),
    event(7, 9, {
      type: 'file_modified',
      agent: 'coding-agent',
      payload: { path: 'a.js', change: 'edited', additions: 2, deletions: 1, round: 1 },
    }),
    event(8, 10, {
      type: 'explanation_chunk',
      agent: 'supervisor',
      payload: { explanationId: 'x', seq: 1, text: 'pi' },
    }),
  ],
  modelCalls: [
    {
      id: 'c2',
      role: 'coder',
      model: 'model-a',
      promptTokens: 100,
      completionTokens: 20,
      costUsd: 0.002,
      durationMs: 300,
      at: new Date(at(7)),
    },
    {
      id: 'c1',
      role: 'planner',
      model: 'model-a',
      promptTokens: 50,
      completionTokens: 10,
      costUsd: 0.001,
      durationMs: 200,
      at: new Date(at(3)),
    },
  ],
  approvals: [
    {
      id: 'a1',
      subject: 'plan',
      decision: 'approved',
      by: 'dev',
      automatic: false,
      contentHash: 'h',
      planVersion: 1,
      feedback: null,
      comments: [],
      at: new Date(at(6)),
    },
  ],
  checkpoints: [
    {
      checkpointId: 'cp-plan',
      attempt: 1,
      node: 'draft_plan',
      next: 'plan_approval',
      round: 0,
      hasPlan: true,
      forkable: true,
      notForkableBecause: null,
      at: at(5),
    },
  ],
};

describe('assembleTaskTimeline', () => {
  it('puts events, model calls, approvals and checkpoints in one order, events in their log order', () => {
    const timeline = assembleTaskTimeline(taskId, sources);
    expect(timeline.entries.map((entry) => `${entry.kind}:${entry.id}`)).toEqual([
      'status:event:1',
      'package_install:event:2',
      'model_call:model_call:c1',
      'plan:event:3',
      'checkpoint:checkpoint:cp-plan',
      'approval:approval:a1',
      'tool_call:event:5',
      'model_call:model_call:c2',
      'command:event:6',
      'file_change:event:7',
    ]);
    // The decision is shown once, from the approvals record; answer pieces are not entries.
    expect(timeline.entries.some((entry) => entry.eventSeq === 4 || entry.eventSeq === 8)).toBe(false);
  });

  it('carries what each kind is about: model call cost and tokens, command output, the approver', () => {
    const entries = assembleTaskTimeline(taskId, sources).entries;
    const call = entries.find((entry) => entry.id === 'model_call:c2');
    expect(call).toMatchObject({
      kind: 'model_call',
      detail: {
        role: 'coder',
        model: 'model-a',
        promptTokens: 100,
        completionTokens: 20,
        costUsd: 0.002,
        durationMs: 300,
      },
      summary: 'coder · model-a · 120 tokens · $0.0020 · 300 ms',
    });
    expect(entries.find((entry) => entry.kind === 'command')).toMatchObject({
      detail: { stdout: 'hi', stderr: 'boom', exitCode: 1 },
      summary: 'node a.js (exit 1, 12 ms)',
    });
    expect(entries.find((entry) => entry.kind === 'approval')).toMatchObject({
      summary: 'plan v1 approved by dev',
      detail: { automatic: false, by: 'dev' },
    });
    expect(entries.find((entry) => entry.kind === 'tool_call')).toMatchObject({
      detail: { tool: 'edit_file', role: 'coder', args: { path: 'a.js' }, refused: false, round: 1 },
    });
  });

  it('keeps only the kinds asked for, counting every kind over the whole timeline', () => {
    const timeline = assembleTaskTimeline(taskId, sources, ['model_call', 'command']);
    expect(timeline.entries.map((entry) => entry.id)).toEqual(['model_call:c1', 'model_call:c2', 'event:6']);
    expect(timeline.counts).toMatchObject({
      model_call: 2,
      command: 1,
      package_install: 1,
      approval: 1,
      checkpoint: 1,
      error: 0,
    });
  });
});
