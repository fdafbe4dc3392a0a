import { checkNewTaskEvent, eventsOfType, type TaskEvent } from './task-event';
import { resumeTaskRequestSchema } from './api/task.api';
import { resumeTaskCommandSchema } from './messages/task-commands';

const TASK_ID = '00000000-0000-4000-8000-000000000001';

describe("checkNewTaskEvent (the gateway's boundary for agents' events)", () => {
  it('accepts an event whose payload matches its type and hands back the message as sent, extra fields and all', () => {
    const message = {
      taskId: TASK_ID,
      type: 'file_modified',
      agent: 'coding-agent',
      payload: { path: 'src/a.js', change: 'edited', additions: 2, deletions: 1, round: 1, addedLater: true },
    };
    const checked = checkNewTaskEvent(message);
    expect(checked).toEqual({ ok: true, event: message });
    expect(checked.ok && checked.event).toBe(message);
  });

  it('refuses a payload that does not match its type, saying which field', () => {
    const checked = checkNewTaskEvent({
      taskId: TASK_ID,
      type: 'pr_created',
      agent: 'supervisor',
      payload: { number: 3, branch: 'patchbay/x' },
    });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues).toEqual(expect.arrayContaining([expect.stringContaining('payload.url')]));
  });

  it('refuses an unknown type, a missing payload and something that is not an object at all', () => {
    expect(checkNewTaskEvent({ taskId: TASK_ID, type: 'coffee_ready', agent: 'supervisor', payload: {} }).ok).toBe(
      false,
    );
    expect(checkNewTaskEvent({ taskId: TASK_ID, type: 'agent_thought', agent: 'supervisor' }).ok).toBe(false);
    expect(checkNewTaskEvent('agent_thought').ok).toBe(false);
    expect(checkNewTaskEvent(null).ok).toBe(false);
  });
});

describe('eventsOfType', () => {
  it('keeps the events of one type, typed as such', () => {
    const events: TaskEvent[] = [
      {
        id: 'a',
        taskId: TASK_ID,
        seq: 1,
        type: 'status_changed',
        agent: 'gateway',
        payload: { from: null, to: 'queued' },
        at: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 'b',
        taskId: TASK_ID,
        seq: 2,
        type: 'agent_thought',
        agent: 'supervisor',
        payload: { message: 'hello' },
        at: '2026-01-01T00:00:01.000Z',
      },
    ];
    expect(eventsOfType(events, 'agent_thought').map((event) => event.payload.message)).toEqual(['hello']);
  });
});

describe('resume actions', () => {
  it('the REST API and the resume command read the legacy "fix" as fix_it and accept every resume action', () => {
    expect(resumeTaskRequestSchema.parse({ action: 'fix' })).toEqual({ action: 'fix_it' });
    expect(resumeTaskRequestSchema.parse({ action: 'fix_it', note: 'x' })).toEqual({ action: 'fix_it', note: 'x' });
    expect(resumeTaskRequestSchema.parse({ action: 'resume' })).toEqual({ action: 'resume' });
    expect(resumeTaskCommandSchema.parse({ taskId: TASK_ID, action: 'fix', resumedBy: TASK_ID }).action).toBe('fix_it');
  });

  it('refuses anything else with the accepted values named', () => {
    const result = resumeTaskRequestSchema.safeParse({ action: 'sideways' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('action must be one of "fix_it", "change_approach", "resume"');
  });
});
