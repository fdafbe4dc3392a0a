import type { AgentName, TaskEvent } from '@patchbay/contracts';
import {
  commandExecutedPayload as run,
  eventBody,
  testResultsPayload as results,
  type TaskEventArgs,
} from '../../../testing/event-payloads';
import { attemptsOf, attemptStarts, commandOutputOf, producingRunOf } from './command-runs';

function event(seq: number, agent: AgentName, ...args: TaskEventArgs): TaskEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    taskId: '00000000-0000-4000-8000-000000000001',
    seq,
    agent,
    at: '2026-01-01T00:00:00.000Z',
    ...eventBody(...args),
  };
}

const LOG = [
  event(1, 'gateway', 'status_changed', { from: 'queued', to: 'analysing' }),
  event(
    2,
    'testing-agent',
    'command_executed',
    run({ phase: 'baseline', purpose: 'tests', command: 'npm test', exitCode: 1, stdout: 'FAIL', stderr: '' }),
  ),
  event(3, 'testing-agent', 'test_results', results({ phase: 'baseline' })),
  event(4, 'coding-agent', 'agent_thought', { message: 'Coding round 1', round: 1 }),
  event(
    5,
    'coding-agent',
    'command_executed',
    run({ command: 'npm test', exitCode: 1, stdout: '', stderr: 'boom', elidedBytes: 12, round: 1 }),
  ),
  event(
    6,
    'testing-agent',
    'command_executed',
    run({ phase: 'after', purpose: 'lint', command: 'npm run lint', exitCode: 0 }),
  ),
  event(
    7,
    'testing-agent',
    'command_executed',
    run({ phase: 'after', purpose: 'tests', command: 'npm test', exitCode: 1 }),
  ),
  event(8, 'testing-agent', 'test_results', results({ phase: 'after' })),
  event(9, 'coding-agent', 'agent_thought', { message: 'Coding round 2', round: 2 }),
  event(
    10,
    'testing-agent',
    'command_executed',
    run({ phase: 'after', purpose: 'tests', command: 'npm test', exitCode: 0 }),
  ),
  event(11, 'testing-agent', 'test_results', results({ phase: 'after' })),
];

test('a command event gives its output; one without output gives null', () => {
  expect(commandOutputOf(LOG[4])).toStrictEqual({ stdout: '', stderr: 'boom', elidedBytes: 12, artifactId: null });
  expect(
    commandOutputOf(
      event(9, 'coding-agent', 'command_executed', run({ command: 'npm test', stdout: 'x', outputArtifactId: 'a1' })),
    )?.artifactId,
  ).toBe('a1');
  expect(commandOutputOf(LOG[5])).toBeNull();
  expect(commandOutputOf(LOG[0])).toBeNull();
});

test('events belong to the coding round that precedes them; analysis and baseline to none', () => {
  const attempts = attemptsOf(LOG);
  expect(attempts.get(2)).toBe(undefined);
  expect(attempts.get(8)).toBe(1);
  expect(attempts.get(11)).toBe(2);
  expect([...attemptStarts(LOG)]).toStrictEqual([
    [4, 1],
    [9, 2],
  ]);
});

test('test results link to the test run of their phase that preceded them, not a lint run', () => {
  expect(producingRunOf(LOG, LOG[2])?.seq).toBe(2);
  expect(producingRunOf(LOG, LOG[7])?.seq).toBe(7);
  expect(producingRunOf(LOG, LOG[10])?.seq).toBe(10);
  expect(producingRunOf(LOG, LOG[4])).toBeNull();
});

test('a run stored just after its results (concurrent bus messages) is still the one they link to', () => {
  const log = [
    event(1, 'testing-agent', 'test_results', results({ phase: 'baseline', command: 'node --test' })),
    event(2, 'testing-agent', 'command_executed', run({ phase: 'baseline', command: 'node --test', exitCode: 1 })),
    event(3, 'coding-agent', 'agent_thought', { message: 'Coding round 1', round: 1 }),
    event(4, 'testing-agent', 'test_results', results({ phase: 'after', command: 'node --test' })),
    event(5, 'testing-agent', 'command_executed', run({ phase: 'after', command: 'node --test', exitCode: 0 })),
    event(6, 'testing-agent', 'command_executed', run({ phase: 'after', command: 'npm run lint', exitCode: 0 })),
  ];
  expect(producingRunOf(log, log[0])?.seq).toBe(2);
  expect(producingRunOf(log, log[3])?.seq).toBe(5);
});
