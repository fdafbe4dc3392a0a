import type { TaskEvent } from '@patchbay/contracts';
import { eventBody, type TaskEventArgs } from '../../../testing/event-payloads';
import { categoryLabel, currentError, recoveryActions } from './task-recovery';

const TASK = '00000000-0000-4000-8000-000000000001';
let seq = 0;
function event(...args: TaskEventArgs): TaskEvent {
  seq += 1;
  return {
    id: `id-${seq}`,
    taskId: TASK,
    seq,
    agent: 'supervisor',
    at: new Date(seq * 1000).toISOString(),
    ...eventBody(...args),
  };
}

const PAUSED = [
  event('status_changed', { from: 'validating', to: 'paused' }),
  event('error', {
    category: 'code_logic',
    severity: 'warning',
    recoverable: true,
    message: 'Tests still fail after 3 rounds',
    report: '1 new failure: greets',
    actions: ['fix_it', 'change_approach', 'abort'],
  }),
];

test('the error of a paused task offers fix it, change approach and abort', () => {
  const error = currentError(PAUSED);
  if (!error) throw new Error('no current error');
  expect(error.category).toBe('code_logic');
  expect(error.severity).toBe('warning');
  expect(error.report).toBe('1 new failure: greets');
  expect(recoveryActions(error, 'paused')).toStrictEqual(['fix_it', 'change_approach', 'abort']);
});

test('a failed task offers retry, even when the error was not recoverable', () => {
  const failed = [
    event('error', { category: 'security', message: 'secret scan: AWS key', recoverable: false, actions: [] }),
    event('status_changed', { from: 'validating', to: 'failed' }),
  ];
  const error = currentError(failed);
  if (!error) throw new Error('no current error');
  expect(error.recoverable).toBe(false);
  expect(recoveryActions(error, 'failed')).toStrictEqual(['retry']);
});

test('actions the API would refuse in the current status are left out', () => {
  const error = currentError(PAUSED);
  if (!error) throw new Error('no current error');
  // The task was resumed meanwhile but the page has not seen the status event yet.
  expect(recoveryActions(error, 'executing')).toStrictEqual(['abort']);
  expect(recoveryActions(error, 'cancelled')).toStrictEqual(['retry']);
});

test('an error without offered actions gets the ones its status allows', () => {
  const queued = [
    event('status_changed', { from: null, to: 'queued' }),
    event('error', { category: 'bus_unavailable', message: 'not handed over' }),
  ];
  const error = currentError(queued);
  if (!error) throw new Error('no current error');
  expect(recoveryActions(error, 'queued')).toStrictEqual(['abort']);
  expect(categoryLabel(error.category)).toBe('Not handed over yet');
  expect(categoryLabel('speech')).toBe('speech');
});

test('an error the task has moved on from is no longer current', () => {
  expect(currentError([...PAUSED, event('status_changed', { from: 'paused', to: 'executing' })])).toBeNull();
  expect(currentError([event('status_changed', { from: null, to: 'queued' })])).toBeNull();
});
