import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { renderWithApp, TASK_ID, taskView } from '../../../testing/render-with-app';
import { TaskPage } from './task-page';
import { TraceId } from './trace-id';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('TraceId', () => {
  it('shows the start of the trace id and copies the whole id', async () => {
    const user = userEvent.setup();
    render(<TraceId traceId={TRACE_ID} />);
    expect(screen.getByTestId('trace-id').textContent).toContain('4bf92f3577b3…');
    expect(screen.getByTitle(TRACE_ID)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy trace id' }));
    expect(await navigator.clipboard.readText()).toBe(TRACE_ID);
    expect(screen.getByRole('button', { name: 'Copy trace id' }).textContent).toBe('Copied');
  });

  it('is in the task header when the task has a trace, and absent when tracing was off', async () => {
    FakeWebSocket.install();
    const serve = (traceId: string | null) =>
      renderWithApp(<TaskPage taskId={TASK_ID} />, {
        setup: (api) => {
          api.on(`GET /tasks/${TASK_ID}`, { json: taskView({ traceId }) });
          api.on(`GET /tasks/${TASK_ID}/events`, { json: [] });
          api.on(`GET /tasks/${TASK_ID}/usage`, {
            json: { promptTokens: 0, completionTokens: 0, costUsd: 0, modelCalls: 0 },
          });
        },
      });
    const traced = serve(TRACE_ID);
    expect((await screen.findByTestId('trace-id')).textContent).toContain('4bf92f3577b3');
    traced.unmount();
    serve(null);
    await screen.findByTestId('task-prompt');
    expect(screen.queryByTestId('trace-id')).toBeNull();
  });
});
