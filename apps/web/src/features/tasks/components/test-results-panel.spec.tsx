import type { TaskEvent } from '@patchbay/contracts';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  commandExecutedPayload,
  eventBody,
  testResultsPayload,
  type TaskEventArgs,
} from '../../../testing/event-payloads';
import { TASK_ID } from '../../../testing/render-with-app';
import { TestResultsPanel } from './test-results-panel';

function testResults(fields: Parameters<typeof testResultsPayload>[0]): TaskEvent {
  return {
    id: '1',
    taskId: TASK_ID,
    seq: 3,
    type: 'test_results',
    agent: 'testing-agent',
    payload: testResultsPayload(fields),
    at: '2026-12-05T12:00:00.000Z',
  };
}

describe('TestResultsPanel', () => {
  it('shows counts read from a summary as such, each check with its status, and an unavailable linter as unavailable', () => {
    render(
      <TestResultsPanel
        events={[
          testResults({
            phase: 'baseline',
            passed: 3,
            failed: 2,
            skipped: 0,
            resultDetail: 'counts',
            failures: [
              { name: 'unnamed failing test', message: 'counted' },
              { name: 'unnamed failing test', message: 'counted' },
            ],
            checks: [
              {
                kind: 'script',
                name: 'pretest',
                command: 'tsc',
                status: 'failed',
                exitCode: 2,
                failed: 1,
                failures: [],
              },
              {
                kind: 'lint',
                name: 'lint',
                command: 'eslint .',
                status: 'unavailable',
                exitCode: 127,
                failed: 0,
                failures: [],
                unavailableReason: 'bash: line 1: eslint: command not found',
              },
            ],
          }),
        ]}
      />,
    );
    expect(screen.getByText('counted from the runner’s summary; passing tests are not named')).toBeTruthy();
    expect(screen.getAllByTestId('check-result').map((item) => item.textContent)).toEqual([
      'pretest: failed (1 problem)',
      'lint: unavailable (bash: line 1: eslint: command not found)',
    ]);
    expect(screen.getAllByText('unnamed failing test')).toHaveLength(2);
  });

  it('reads events from before checks existed', () => {
    render(
      <TestResultsPanel events={[testResults({ phase: 'after', passed: 2, failed: 0, skipped: 0, failures: [] })]} />,
    );
    expect(screen.getByText('2 passed')).toBeTruthy();
    expect(screen.queryAllByTestId('check-result')).toEqual([]);
  });

  it('labels each run with its attempt and the command that produced it, and shows one attempt at a time when asked', async () => {
    const user = userEvent.setup();
    const event = (seq: number, agent: TaskEvent['agent'], ...args: TaskEventArgs): TaskEvent => ({
      id: String(seq),
      taskId: TASK_ID,
      seq,
      agent,
      at: '2026-12-05T12:00:00.000Z',
      ...eventBody(...args),
    });
    render(
      <TestResultsPanel
        events={[
          event(
            1,
            'testing-agent',
            'command_executed',
            commandExecutedPayload({ phase: 'baseline', purpose: 'tests', command: 'npm test', exitCode: 1 }),
          ),
          event(
            2,
            'testing-agent',
            'test_results',
            testResultsPayload({ phase: 'baseline', passed: 1, failed: 1, failures: [] }),
          ),
          event(3, 'coding-agent', 'agent_thought', { message: 'Coding round 1', round: 1 }),
          event(
            4,
            'testing-agent',
            'command_executed',
            commandExecutedPayload({ phase: 'after', purpose: 'tests', command: 'npm test', exitCode: 1 }),
          ),
          event(
            5,
            'testing-agent',
            'test_results',
            testResultsPayload({ phase: 'after', passed: 1, failed: 1, failures: [] }),
          ),
          event(6, 'coding-agent', 'agent_thought', { message: 'Coding round 2', round: 2 }),
          event(
            7,
            'testing-agent',
            'command_executed',
            commandExecutedPayload({ phase: 'after', purpose: 'tests', command: 'npm test', exitCode: 0 }),
          ),
          event(
            8,
            'testing-agent',
            'test_results',
            testResultsPayload({ phase: 'after', passed: 2, failed: 0, failures: [] }),
          ),
        ]}
      />,
    );
    expect(screen.getAllByTestId('test-run').map((run) => run.getAttribute('data-attempt'))).toEqual([
      'before',
      '1',
      '2',
    ]);
    expect(screen.getAllByTestId('test-run')[2]?.textContent).toContain('$ npm test (log #7)');
    await user.selectOptions(screen.getByLabelText('Show test results of'), 'Attempt 1');
    expect(screen.getAllByTestId('test-run').map((run) => run.textContent?.includes('1 failed'))).toEqual([true]);
    expect(screen.getAllByTestId('test-run')[0]?.textContent).toContain('(log #4)');
  });
});
