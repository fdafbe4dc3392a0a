import type { TaskCheckpointView, TaskLineage, TaskTimeline, TaskTimelineEntry } from '@patchbay/contracts';
import { TIMELINE_ENTRY_KINDS } from '@patchbay/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, TASK_ID, taskView } from '../../../testing/render-with-app';
import { TimelinePanel } from './timeline-panel';

const AT = '2026-01-01T00:00:00.000Z';
const FORK_ID = '00000000-0000-4000-8000-0000000000f0';

const ENTRIES: TaskTimelineEntry[] = [
  {
    id: 'model_call:1',
    kind: 'model_call',
    at: AT,
    agent: null,
    eventSeq: null,
    summary: 'coder · model-a · 120 tokens · $0.0020 · 300 ms',
    detail: {
      role: 'coder',
      model: 'model-a',
      promptTokens: 100,
      completionTokens: 20,
      costUsd: 0.002,
      durationMs: 300,
    },
  },
  {
    id: 'event:7',
    kind: 'command',
    at: AT,
    agent: 'coding-agent',
    eventSeq: 7,
    summary: 'node a.js (exit 1, 12 ms)',
    detail: { command: 'node a.js', exitCode: 1, durationMs: 12, timedOut: false, stdout: 'hello', stderr: 'boom' },
  },
];

function timeline(entries: TaskTimelineEntry[]): TaskTimeline {
  const counts = Object.fromEntries(TIMELINE_ENTRY_KINDS.map((kind) => [kind, 0])) as TaskTimeline['counts'];
  for (const entry of ENTRIES) counts[entry.kind] += 1;
  return { taskId: TASK_ID, entries, counts };
}

const CHECKPOINT: TaskCheckpointView = {
  checkpointId: 'cp-plan',
  attempt: 1,
  node: 'draft_plan',
  next: 'plan_approval',
  round: 0,
  hasPlan: true,
  forkable: true,
  notForkableBecause: null,
  at: AT,
};

const LINEAGE: TaskLineage = { forkedFrom: null, forks: [], modelChoices: ['model-a', 'model-b'] };

describe('TimelinePanel', () => {
  it('filters by kind through the API and opens a command to its output', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<TimelinePanel taskId={TASK_ID} running={false} canFork model={null} plan={null} />, {
      setup: (fake) => {
        fake.on(`GET /tasks/${TASK_ID}/timeline`, (request) => ({
          json: timeline(request.query.get('kinds') === 'command' ? ENTRIES.slice(1) : ENTRIES),
        }));
        fake.on(`GET /tasks/${TASK_ID}/checkpoints`, { json: [] });
      },
    });
    expect(await screen.findAllByTestId('timeline-entry')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: /^Commands/ }));
    await waitFor(() => expect(screen.getAllByTestId('timeline-entry')).toHaveLength(1));
    expect(api.calls(`GET /tasks/${TASK_ID}/timeline`).at(-1)?.query.get('kinds')).toBe('command');
    await user.click(screen.getByRole('button', { name: /node a\.js/ }));
    const output = screen.getByTestId('command-output');
    expect(output.textContent).toContain('hello');
    expect(output.textContent).toContain('boom');
  });

  it('forks from a checkpoint with the chosen model, then opens the fork', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(
      <TimelinePanel taskId={TASK_ID} running={false} canFork model="model-a" plan={null} />,
      {
        setup: (fake) => {
          fake.on(`GET /tasks/${TASK_ID}/timeline`, { json: timeline(ENTRIES) });
          fake.on(`GET /tasks/${TASK_ID}/checkpoints`, { json: [CHECKPOINT] });
          fake.on(`GET /tasks/${TASK_ID}/forks`, { json: LINEAGE });
          fake.on(`POST /tasks/${TASK_ID}/forks`, { status: 201, json: taskView({ id: FORK_ID }) });
        },
      },
    );
    const checkpoint = await screen.findByTestId('checkpoint');
    await user.click(within(checkpoint).getByRole('button', { name: 'Fork from here' }));
    await screen.findByRole('option', { name: 'model-b' });
    await user.selectOptions(screen.getByLabelText('Model for the fork'), 'model-b');
    await user.click(screen.getByRole('button', { name: 'Start the fork' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/forks`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/forks`)[0]?.body).toEqual({ checkpointId: 'cp-plan', model: 'model-b' });
    await waitFor(() => expect(window.location.pathname).toBe(`/tasks/${FORK_ID}`));
  });

  it('offers no fork to a viewer', async () => {
    renderWithApp(<TimelinePanel taskId={TASK_ID} running={false} canFork={false} model={null} plan={null} />, {
      role: 'viewer',
      setup: (fake) => {
        fake.on(`GET /tasks/${TASK_ID}/timeline`, { json: timeline(ENTRIES) });
        fake.on(`GET /tasks/${TASK_ID}/checkpoints`, { json: [CHECKPOINT] });
      },
    });
    await screen.findByTestId('checkpoint');
    expect(screen.queryByRole('button', { name: 'Fork from here' })).toBeNull();
  });
});
