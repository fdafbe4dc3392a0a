import type { TaskEventPayload } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, TASK_ID, taskEvent } from '../../../testing/render-with-app';
import { mayWaive, requiredChecksOf } from '../lib/required-checks';
import { RequiredChecksPanel } from './required-checks-panel';

const ARTIFACT = '00000000-0000-4000-8000-0000000000cc';

function completed(
  seq: number,
  payload: Partial<TaskEventPayload<'check_completed'>> & { name: string },
): ReturnType<typeof taskEvent> {
  return taskEvent(seq, {
    type: 'check_completed',
    payload: {
      runId: 'run-2',
      attempt: 1,
      round: 2,
      command: `npm run ${payload.name}`,
      status: 'passed',
      exitCode: 0,
      durationMs: 12_345,
      timedOut: false,
      outputArtifactId: null,
      outputTail: '',
      ...payload,
    },
  });
}

const EVENTS = [
  // An earlier run and another attempt's run are not the change under review.
  completed(1, { runId: 'run-1', name: 'build', status: 'failed', exitCode: 1 }),
  completed(2, { runId: 'other', attempt: 2, name: 'build', status: 'failed', exitCode: 1 }),
  completed(3, { name: 'build', durationMs: 850 }),
  completed(4, {
    name: 'typecheck',
    status: 'failed',
    exitCode: 2,
    outputArtifactId: ARTIFACT,
    outputTail: '…error TS2322',
  }),
  completed(5, { name: 'lint', status: 'failed', exitCode: 1 }),
  taskEvent(6, {
    type: 'check_waived',
    payload: { runId: 'run-2', name: 'lint', reason: 'rules change next week', waivedBy: 'ada' },
  }),
];

describe('RequiredChecksPanel', () => {
  it("shows the latest run's checks with results, waivers and durations, and a waiver form only where one may be given", async () => {
    const user = userEvent.setup();
    const onWaive = jest.fn<void, [string, string]>();
    const checks = requiredChecksOf(EVENTS, 1);
    renderWithApp(
      <RequiredChecksPanel
        taskId={TASK_ID}
        checks={checks}
        mayWaive={(check) => mayWaive(check, 'paused')}
        onWaive={onWaive}
        pending={false}
        error={null}
      />,
      {
        setup: (api) =>
          api.on(`GET /tasks/${TASK_ID}/outputs/${ARTIFACT}`, {
            json: { stdout: '', stderr: 'src/a.ts(1,7): error TS2322: the whole output' },
          }),
      },
    );
    const rows = screen.getAllByTestId('required-check');
    expect(
      rows.map((row) => [row.dataset['check'], within(row).getByTestId('required-check-result').textContent]),
    ).toEqual([
      ['build', 'passed'],
      ['typecheck', 'failed (exit 2)'],
      ['lint', 'failed (exit 1), waived by ada: rules change next week'],
    ]);
    expect(rows[0]?.textContent).toContain('850 ms');
    expect(rows[1]?.textContent).toContain('12.3 s');
    // Only the failed, unwaived check can be waived.
    expect(screen.getAllByRole('button', { name: /^Waive / }).map((button) => button.textContent)).toEqual([
      'Waive typecheck',
    ]);

    await user.click(within(rows[1]).getByRole('button', { name: 'Show output' }));
    await waitFor(() => expect(rows[1]?.textContent).toContain('the whole output'));

    const waive = screen.getByRole('button', { name: 'Waive typecheck' });
    expect(waive).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Reason to waive typecheck'), '  generated code, typed upstream ');
    await user.click(waive);
    expect(onWaive).toHaveBeenCalledWith('typecheck', 'generated code, typed upstream');
  });

  it('offers no waiver once the task has moved past its checks', () => {
    const [, typecheck] = requiredChecksOf(EVENTS, 1);
    expect(typecheck && mayWaive(typecheck, 'awaiting_diff_approval')).toBe(true);
    expect(typecheck && mayWaive(typecheck, 'publishing')).toBe(false);
    expect(typecheck && mayWaive(typecheck, 'executing')).toBe(false);
  });
});
