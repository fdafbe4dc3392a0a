import type { TaskEvent } from '@patchbay/contracts';
import { lastSeq, mergeTaskEvents, missingSeqs } from './merge-task-events';

const TASK = '00000000-0000-4000-8000-000000000001';

function event(seq: number, message = `event ${seq}`): TaskEvent {
  return {
    id: `id-${seq}-${message}`,
    taskId: TASK,
    seq,
    type: 'agent_thought',
    agent: 'supervisor',
    payload: { message },
    at: new Date(seq * 1000).toISOString(),
  };
}

test('a replay after reconnect adds only the events not held, in seq order', () => {
  const held = [event(1), event(2), event(3)];
  const replay = [event(3, 'again'), event(4), event(5)];
  const merged = mergeTaskEvents(held, replay);
  expect(merged.map((e) => e.seq)).toStrictEqual([1, 2, 3, 4, 5]);
  expect(merged[2]?.type === 'agent_thought' ? merged[2].payload.message : undefined).toBe('event 3');
});

test('out-of-order arrival is sorted by seq', () => {
  expect(mergeTaskEvents([event(2)], [event(5), event(1), event(3)]).map((e) => e.seq)).toStrictEqual([1, 2, 3, 5]);
});

test('nothing new returns the same array, so React does not re-render the log', () => {
  const held = [event(1), event(2)];
  expect(mergeTaskEvents(held, [event(2)])).toBe(held);
  expect(mergeTaskEvents(held, [])).toBe(held);
});

test('lastSeq is the resume cursor and missingSeqs finds gaps', () => {
  expect(lastSeq(undefined)).toBe(0);
  expect(lastSeq([event(4), event(2)])).toBe(4);
  expect(missingSeqs([event(1), event(4)])).toStrictEqual([2, 3]);
  expect(missingSeqs([event(1), event(2)])).toStrictEqual([]);
});
