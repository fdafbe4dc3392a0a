import type { TaskEvent } from '@patchbay/contracts';
import { render, screen } from '@testing-library/react';
import { TASK_ID } from '../../../testing/render-with-app';
import { TestResultsPanel } from './test-results-panel';

function testResults(payload: Record<string, unknown>): TaskEvent {
  return { id: '1', taskId: TASK_ID, seq: 3, type: 'test_results', agent: 'testing-agent', payload, at: '2026-12-05T12:00:00.000Z' };
}

describe('TestResultsPanel', () => {
  it('shows counts read from a summary as such, each check with its status, and an unavailable linter as unavailable', () => {
    render(
      <TestResultsPanel
        events={[
          testResults({
            phase: 'baseline', passed: 3, failed: 2, skipped: 0, resultDetail: 'counts',
            failures: [{ name: 'unnamed failing test', message: 'counted' }, { name: 'unnamed failing test', message: 'counted' }],
            checks: [
              { kind: 'script', name: 'pretest', status: 'failed', failed: 1 },
              { kind: 'lint', name: 'lint', status: 'unavailable', failed: 0, unavailableReason: 'bash: line 1: eslint: command not found' },
            ],
          }),
        ]}
      />,
    );
    expect(screen.getByText('counted from the runner’s summary; passing tests are not named')).toBeTruthy();
    expect(screen.getAllByTestId('check-result').map((item) => item.textContent)).toEqual(['pretest: failed (1 problem)', 'lint: unavailable (bash: line 1: eslint: command not found)']);
    expect(screen.getAllByText('unnamed failing test')).toHaveLength(2);
  });

  it('reads events from before checks existed', () => {
    render(<TestResultsPanel events={[testResults({ phase: 'after', passed: 2, failed: 0, skipped: 0, failures: [] })]} />);
    expect(screen.getByText('2 passed')).toBeTruthy();
    expect(screen.queryAllByTestId('check-result')).toEqual([]);
  });
});
