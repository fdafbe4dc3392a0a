import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { renderWithApp, TASK_ID, taskEvent } from '../../../testing/render-with-app';
import { useTaskEvents } from '../hooks/use-task-events';
import { LiveLog } from './live-log';
import { commandExecutedPayload, testResultsPayload } from '../../../testing/event-payloads';

/** The task page's wiring of the log: REST load + WebSocket, merged into one list. */
function TaskLog() {
  const { events, streamState, streamError } = useTaskEvents(TASK_ID);
  return <LiveLog events={events} streamState={streamState} streamError={streamError} />;
}

function renderedSeqs(): number[] {
  return screen.queryAllByTestId('log-line').map((line) => Number(line.getAttribute('data-seq')));
}

function streamState(): string | null {
  return screen.getByTestId('stream-state').getAttribute('data-state');
}

function subscribeMessages(socket: FakeWebSocket): Array<{ taskId: string; after: number }> {
  return (socket.sent as Array<{ event: string; data: { taskId: string; after: number } }>)
    .filter((m) => m.event === 'subscribe')
    .map((m) => m.data);
}

beforeEach(() => FakeWebSocket.install());

describe('LiveLog with the live event stream', () => {
  it('shows persisted events, subscribes after the last one held and sorts live events by seq', async () => {
    renderWithApp(<TaskLog />, {
      setup: (api) => api.on('GET /tasks/' + TASK_ID + '/events', { json: [taskEvent(1), taskEvent(2), taskEvent(3)] }),
    });
    await waitFor(() => expect(renderedSeqs()).toEqual([1, 2, 3]));
    expect(streamState()).toBe('connecting');

    const socket = FakeWebSocket.latest();
    expect(socket.url).toContain('token=test-token');
    act(() => socket.open());
    expect(subscribeMessages(socket)).toEqual([{ taskId: TASK_ID, after: 3 }]);
    act(() => socket.receive('subscribed', { taskId: TASK_ID }));
    expect(streamState()).toBe('live');

    // Delivered out of order: the log still reads in seq order.
    act(() => {
      socket.receive('task_event', taskEvent(5, { payload: { message: 'fifth' } }));
      socket.receive('task_event', taskEvent(4, { payload: { message: 'fourth' } }));
    });
    // TanStack Query notifies subscribers on the next tick.
    await waitFor(() => expect(renderedSeqs()).toEqual([1, 2, 3, 4, 5]));
    expect(screen.getAllByTestId('log-line')[3]?.textContent).toContain('fourth');
  });

  it('after a dropped connection resubscribes from the last seq and shows no duplicates or gaps', async () => {
    renderWithApp(<TaskLog />, {
      setup: (api) => api.on('GET /tasks/' + TASK_ID + '/events', { json: [taskEvent(1), taskEvent(2)] }),
    });
    await waitFor(() => expect(renderedSeqs()).toEqual([1, 2]));
    const first = FakeWebSocket.latest();
    act(() => {
      first.open();
      first.receive('subscribed', { taskId: TASK_ID });
      first.receive('task_event', taskEvent(3, { payload: { message: 'held copy of 3' } }));
    });

    act(() => first.drop());
    expect(streamState()).toBe('reconnecting');

    // The client reconnects after its backoff with a new socket.
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2));
    const second = FakeWebSocket.latest();
    act(() => second.open());
    expect(subscribeMessages(second)).toEqual([{ taskId: TASK_ID, after: 3 }]);
    act(() => {
      second.receive('subscribed', { taskId: TASK_ID });
      // A server (or a racing REST load) may deliver an event the client already holds.
      second.receive('task_event', taskEvent(3, { payload: { message: 'replayed copy of 3' } }));
      second.receive('task_event', taskEvent(4, { payload: { message: 'raised while disconnected' } }));
      second.receive('task_event', taskEvent(4, { payload: { message: 'raised while disconnected' } }));
    });

    expect(streamState()).toBe('live');
    await waitFor(() => expect(renderedSeqs()).toEqual([1, 2, 3, 4]));
    const lines = screen.getAllByTestId('log-line');
    expect(lines[2]?.textContent).toContain('held copy of 3');
    expect(screen.queryByText('replayed copy of 3')).toBeNull();
    expect(lines[3]?.textContent).toContain('raised while disconnected');
  });

  it('merges live events that arrive before the REST load answers', async () => {
    let answer: (events: unknown) => void = () => undefined;
    renderWithApp(<TaskLog />, {
      setup: (api) =>
        api.on(
          'GET /tasks/' + TASK_ID + '/events',
          () =>
            new Promise((resolve) => {
              answer = (json) => resolve({ json });
            }),
        ),
    });
    const socket = FakeWebSocket.latest();
    act(() => {
      socket.open();
      socket.receive('subscribed', { taskId: TASK_ID });
      socket.receive('task_event', taskEvent(3));
    });
    await waitFor(() => expect(renderedSeqs()).toEqual([3]));
    await act(async () => answer([taskEvent(1), taskEvent(2), taskEvent(3)]));
    await waitFor(() => expect(renderedSeqs()).toEqual([1, 2, 3]));
  });

  it('colours and filters lines by agent and type, and marks failed commands with their exit code', async () => {
    const user = userEvent.setup();
    renderWithApp(<TaskLog />, {
      setup: (api) =>
        api.on('GET /tasks/' + TASK_ID + '/events', {
          json: [
            taskEvent(1, {
              type: 'status_changed',
              agent: 'gateway',
              payload: { from: null, to: 'queued', by: 'carol' },
            }),
            taskEvent(2, {
              type: 'command_executed',
              agent: 'testing-agent',
              payload: commandExecutedPayload({ command: 'npm test', exitCode: 1 }),
            }),
            taskEvent(3, { agent: 'coding-agent', payload: { message: 'editing src/greet.js' } }),
          ],
        }),
    });
    await waitFor(() => expect(renderedSeqs()).toEqual([1, 2, 3]));
    expect(within(screen.getAllByTestId('log-line')[1]).getByText('exit 1').className).toContain('rose');
    screen.getByText('status ∅ → queued (by carol)');

    await user.selectOptions(screen.getByLabelText('Filter by agent'), 'coding-agent');
    expect(renderedSeqs()).toEqual([3]);
    await user.selectOptions(screen.getByLabelText('Filter by agent'), 'all');
    await user.selectOptions(screen.getByLabelText('Filter by type'), 'command_executed');
    expect(renderedSeqs()).toEqual([2]);
    screen.getByText('· 1/3 events');
  });

  it('expands a command to its output with colours rendered and markup kept as text, and names the exit code once', async () => {
    const user = userEvent.setup();
    renderWithApp(<TaskLog />, {
      setup: (api) =>
        api.on('GET /tasks/' + TASK_ID + '/events', {
          json: [
            taskEvent(1, {
              type: 'command_executed',
              agent: 'testing-agent',
              payload: commandExecutedPayload({
                phase: 'baseline',
                purpose: 'tests',
                command: 'npm test',
                exitCode: 0,
                stdout: '\u001b[32m✓ adds\u001b[39m <b>bold?</b>',
                stderr: 'warn: slow',
                elidedBytes: 4096,
              }),
            }),
            taskEvent(2, {
              type: 'test_results',
              agent: 'testing-agent',
              payload: testResultsPayload({ phase: 'baseline', passed: 1, failed: 0 }),
            }),
            taskEvent(3, { agent: 'coding-agent', payload: { message: 'Coding round 1', round: 1 } }),
            taskEvent(4, {
              type: 'command_executed',
              agent: 'coding-agent',
              payload: commandExecutedPayload({ command: 'ls', exitCode: 0, stdout: '', stderr: '', round: 1 }),
            }),
          ],
        }),
    });
    await waitFor(() => expect(renderedSeqs()).toEqual([1, 2, 3, 4]));
    const line = screen.getAllByTestId('log-line')[0];
    expect(line.textContent?.match(/exit 0/g)).toHaveLength(1);
    expect(screen.queryByTestId('command-output')).toBeNull();

    await user.click(within(line).getByRole('button', { name: 'Show output' }));
    const output = screen.getByTestId('command-output');
    expect(within(output).getByText('✓ adds').className).toContain('text-emerald-400');
    // Output is text: a tag in it is shown, never rendered.
    expect(output.querySelector('b')).toBeNull();
    expect(output.textContent).toContain('<b>bold?</b>');
    expect(output.textContent).toContain('warn: slow');
    expect(output.textContent).toContain('4096 bytes');
    await user.click(within(line).getByRole('button', { name: 'Hide output' }));
    expect(screen.queryByTestId('command-output')).toBeNull();

    // The test results name the run they came from; following the link opens its output.
    await user.click(screen.getByTestId('test-run-link'));
    expect(screen.getByTestId('test-run-link').textContent).toBe('from run #1');
    expect(screen.getByTestId('command-output').textContent).toContain('✓ adds');
    expect(screen.getAllByTestId('attempt-label').map((label) => label.textContent)).toEqual(['Attempt 1']);
    await user.click(within(screen.getAllByTestId('log-line')[3]).getByRole('button', { name: 'Show output' }));
    screen.getByText('(no output)');
  });

  it('fetches the whole output of a command whose event carries only its head and tail', async () => {
    const user = userEvent.setup();
    const artifactId = '00000000-0000-4000-8000-0000000000aa';
    renderWithApp(<TaskLog />, {
      setup: (api) => {
        api.on('GET /tasks/' + TASK_ID + '/events', {
          json: [
            taskEvent(1, {
              type: 'command_executed',
              agent: 'coding-agent',
              payload: commandExecutedPayload({
                command: 'npm test',
                exitCode: 1,
                stdout: 'head\n… 9000 bytes elided …\ntail',
                stderr: '',
                elidedBytes: 9000,
                outputArtifactId: artifactId,
              }),
            }),
          ],
        });
        api.on('GET /tasks/' + TASK_ID + '/outputs/' + artifactId, {
          json: { stdout: 'head\nthe middle line\ntail', stderr: '\u001b[31mboom\u001b[0m' },
        });
      },
    });
    await waitFor(() => expect(renderedSeqs()).toEqual([1]));
    await user.click(screen.getByRole('button', { name: 'Show output' }));
    expect(screen.getByTestId('command-output').textContent).not.toContain('the middle line');
    await user.click(screen.getByRole('button', { name: 'Show the whole output' }));
    await waitFor(() => expect(screen.getByTestId('command-output').textContent).toContain('the middle line'));
    expect(screen.getByText('boom').className).toContain('text-rose-400');
    expect(screen.queryByText(/was left out/)).toBeNull();
  });
});
