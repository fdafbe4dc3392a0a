import type { TaskEvent } from '@patchbay/contracts';
import { eventBody, type TaskEventArgs } from '../../../testing/event-payloads';
import { modelsThatRan } from './models-that-ran';

let seq = 0;
function event(...args: TaskEventArgs): TaskEvent {
  seq += 1;
  return {
    id: `id-${seq}`,
    taskId: 't',
    seq,
    agent: 'supervisor',
    at: new Date(seq * 1000).toISOString(),
    ...eventBody(...args),
  };
}

test('names the model each role reported, the latest per role', () => {
  const events = [
    event('agent_thought', { message: 'planner read_file: …', role: 'planner' }),
    event('plan_ready', {
      plan: {
        summary: 'Greet in French',
        steps: [{ id: '1', title: 'Change the greeting', detail: '', files: [] }],
        targetTests: [],
      },
      version: 1,
      contentHash: 'c'.repeat(64),
      model: 'scripted demo model',
    }),
    event('agent_thought', {
      message: 'Coding round 1 with gpt-4o-mini @ http://llm',
      role: 'coder',
      model: 'gpt-4o-mini @ http://llm',
    }),
    event('agent_thought', {
      message: 'Coding round 2 with qwen @ http://llm',
      role: 'coder',
      model: 'qwen @ http://llm',
    }),
  ];
  expect(modelsThatRan(events)).toStrictEqual([
    { role: 'planner', label: 'scripted demo model' },
    { role: 'coder', label: 'qwen @ http://llm' },
  ]);
});

test('is empty until an agent reports its model', () => {
  expect(
    modelsThatRan([
      event('status_changed', { from: null, to: 'queued' }),
      event('agent_thought', { message: 'x', model: 'no role' }),
    ]),
  ).toStrictEqual([]);
});
