import { screen, waitFor } from '@testing-library/react';
import type { TaskEventPayload } from '@patchbay/contracts';
import { renderWithApp, taskEvent } from '../../../testing/render-with-app';
import { LiveLog } from './live-log';

function mcpCall(fields: Partial<TaskEventPayload<'mcp_tool_called'>>): TaskEventPayload<'mcp_tool_called'> {
  return {
    server: 'everything',
    tool: 'echo',
    role: 'coder',
    args: { message: 'hi' },
    resultBytes: 64,
    durationMs: 12,
    ok: true,
    cutOff: false,
    round: 1,
    ...fields,
  };
}

describe('MCP tool calls on the timeline (ADR 0029)', () => {
  it('shows who called which server tool, the answer size, and a server that was cut off', async () => {
    const events = [
      taskEvent(1, { type: 'mcp_tool_called', payload: mcpCall({}) }),
      taskEvent(2, {
        type: 'mcp_tool_called',
        payload: mcpCall({
          tool: 'trigger-long-running-operation',
          ok: false,
          cutOff: true,
          resultBytes: 0,
          error: 'the call of trigger-long-running-operation did not answer within 60000 ms',
        }),
      }),
      taskEvent(3, { type: 'mcp_tool_called', payload: mcpCall({ role: 'planner', ok: false, error: 'bad input' }) }),
    ].map((event) => ({ ...event, agent: 'coding-agent' as const }));
    renderWithApp(<LiveLog events={events} streamState="live" streamError={null} />);

    await waitFor(() => expect(screen.getAllByTestId('log-line')).toHaveLength(3));
    const lines = screen.getAllByTestId('log-line').map((line) => line.textContent ?? '');
    expect(lines[0]).toContain('coder MCP everything/echo — 64 bytes in 12 ms');
    expect(lines[1]).toContain(
      'coder MCP everything/trigger-long-running-operation — server cut off: the call of trigger-long-running-operation did not answer within 60000 ms',
    );
    expect(lines[2]).toContain('planner MCP everything/echo — failed: bad input');
  });
});
