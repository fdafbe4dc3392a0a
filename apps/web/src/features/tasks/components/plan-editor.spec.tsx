import type { Plan } from '@patchbay/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, TASK_ID, taskView } from '../../../testing/render-with-app';
import type { FakeFetch } from '../../../testing/fake-fetch';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { SessionProvider } from '../../auth/components/session-provider';
import { PlanEditor } from './plan-editor';

const PLAN: Plan = {
  summary: 'Change the greeting and cover it with a test.',
  steps: [
    { id: 's1', title: 'Read src/greet.js', detail: 'Find the greeting.', files: ['src/greet.js'] },
    { id: 's2', title: 'Change the greeting to Hello', detail: '', files: ['src/greet.js'] },
    { id: 's3', title: 'Add a unit test', detail: '', files: ['test/greet.test.js'] },
  ],
  targetTests: [{ name: 'greets by name', file: 'test/greet.test.js' }],
};

function answerDecisions(api: FakeFetch) {
  api.on(`POST /tasks/${TASK_ID}/plan/approve`, { json: taskView({ status: 'executing' }) });
  api.on(`POST /tasks/${TASK_ID}/plan/reject`, { json: taskView({ status: 'planning' }) });
}

/** A re-render keeps the component's state only inside the same providers renderWithApp put around it. */
function withProviders(queryClient: QueryClient, ui: ReactElement): ReactElement {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>{ui}</SessionProvider>
    </QueryClientProvider>
  );
}

function stepOrder(): string[] {
  return screen.getAllByTestId('plan-step').map((step) => step.getAttribute('data-step-id') ?? '');
}

interface ApprovedBody {
  steps?: Array<{ id: string; title: string; note?: string }>;
  targetTests?: Array<{ name: string; file?: string }>;
}

async function approvedBody(api: FakeFetch): Promise<ApprovedBody> {
  await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/plan/approve`)).toHaveLength(1));
  return api.calls(`POST /tasks/${TASK_ID}/plan/approve`)[0]?.body as ApprovedBody;
}

describe('PlanEditor', () => {
  it('approves an untouched plan as proposed, without sending steps', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, { setup: answerDecisions });
    expect(stepOrder()).toEqual(['s1', 's2', 's3']);
    screen.getByText(PLAN.summary);
    await user.click(screen.getByRole('button', { name: 'Approve plan' }));
    expect(await approvedBody(api)).toEqual({});
  });

  it('sends reworded, reordered and dropped steps with their notes on approval', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, { setup: answerDecisions });

    const title = screen.getByLabelText('Step 2 title');
    await user.clear(title);
    await user.type(title, 'Change the greeting to "Hello"');
    await user.click(screen.getByRole('button', { name: 'Move step 3 up' }));
    expect(stepOrder()).toEqual(['s1', 's3', 's2']);
    await user.click(screen.getByRole('button', { name: 'Drop step 1' }));
    expect(screen.getAllByTestId('plan-step')[0]?.getAttribute('data-dropped')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Step 1 title').disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Add a note to step 2' }));
    const note = screen.getByLabelText('Step 2 note');
    expect(document.activeElement).toBe(note);
    await user.type(note, 'keep the test small');

    await user.click(screen.getByRole('button', { name: 'Approve edited plan (2 steps)' }));
    const body = await approvedBody(api);
    expect(body.steps?.map((step) => step.id)).toEqual(['s3', 's2']);
    expect(body.steps?.[0]).toMatchObject({ title: 'Add a unit test', note: 'keep the test small' });
    expect(body.steps?.[1]).toMatchObject({ title: 'Change the greeting to "Hello"' });
    expect(body.steps?.[1]).not.toHaveProperty('note');
  });

  it('sends edited target tests, and only them when the steps are untouched', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, { setup: answerDecisions });
    expect(screen.getByLabelText<HTMLInputElement>('Target test 1 name').value).toBe('greets by name');
    expect(screen.getByLabelText<HTMLInputElement>('Target test 1 file').value).toBe('test/greet.test.js');

    await user.click(screen.getByRole('button', { name: '+ Add target test' }));
    await user.type(screen.getByLabelText('Target test 2 name'), 'greets loudly');
    await user.click(screen.getByRole('button', { name: 'Remove target test 1' }));

    await user.click(screen.getByRole('button', { name: 'Approve edited plan (3 steps)' }));
    expect(await approvedBody(api)).toEqual({ targetTests: [{ name: 'greets loudly' }] });
  });

  it('reorders by dragging a step onto another', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, { setup: answerDecisions });
    const [first, , third] = screen.getAllByTestId<HTMLElement>('plan-step');
    const dataTransfer = { setData: jest.fn(), setDragImage: jest.fn(), effectAllowed: '', dropEffect: '' };

    fireEvent.dragStart(within(first).getByRole('button', { name: 'Reorder step 1' }), { dataTransfer });
    expect(dataTransfer.setData).toHaveBeenCalledWith('text/plain', 's1');
    // Over the lower half of step 3 (jsdom lays nothing out: every box is at 0): drop after it.
    fireEvent.dragOver(third, { dataTransfer, clientY: 10 });
    fireEvent.drop(third, { dataTransfer, clientY: 10 });

    expect(stepOrder()).toEqual(['s2', 's3', 's1']);
    expect(screen.getByTestId('plan-announcement').textContent).toBe(
      'Step "Read src/greet.js" moved to position 3 of 3.',
    );
    await user.click(screen.getByRole('button', { name: 'Approve edited plan (3 steps)' }));
    expect((await approvedBody(api)).steps?.map((step) => step.id)).toEqual(['s2', 's3', 's1']);
  });

  it('reorders from the keyboard with the arrow keys on the drag handle, keeping the focus on the moved step', async () => {
    const user = userEvent.setup();
    renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, { setup: answerDecisions });
    const handle = screen.getByRole('button', { name: 'Reorder step 3' });
    handle.focus();
    await user.keyboard('{ArrowUp}');
    expect(stepOrder()).toEqual(['s1', 's3', 's2']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Reorder step 2');
    expect(document.activeElement?.closest('[data-testid="plan-step"]')?.getAttribute('data-step-id')).toBe('s3');
    await user.keyboard('{Home}');
    expect(stepOrder()).toEqual(['s3', 's1', 's2']);
    await user.keyboard('{End}');
    expect(stepOrder()).toEqual(['s1', 's2', 's3']);
    screen.getByRole('button', { name: 'Reorder step 1' }).focus();
    await user.keyboard('{ArrowDown}');
    expect(stepOrder()).toEqual(['s2', 's1', 's3']);
    expect(document.activeElement?.closest('[data-testid="plan-step"]')?.getAttribute('data-step-id')).toBe('s1');
    await user.keyboard('{ArrowDown}');
    expect(stepOrder()).toEqual(['s2', 's3', 's1']);
    expect(screen.getByTestId('plan-announcement').textContent).toBe(
      'Step "Read src/greet.js" moved to position 3 of 3.',
    );
  });

  it('restores a dropped step and resets all edits', async () => {
    const user = userEvent.setup();
    renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, { setup: answerDecisions });
    for (const n of [1, 2, 3]) await user.click(screen.getByRole('button', { name: `Drop step ${n}` }));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Approve edited plan (0 steps)' }).disabled).toBe(
      true,
    );
    screen.getByText('Restore at least one step to approve.');
    await user.click(screen.getByRole('button', { name: 'Restore step 2' }));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Approve edited plan (1 steps)' }).disabled).toBe(
      false,
    );
    await user.click(screen.getByRole('button', { name: 'Reset edits' }));
    expect(screen.getAllByTestId('plan-step').map((step) => step.getAttribute('data-dropped'))).toEqual([
      'false',
      'false',
      'false',
    ]);
    screen.getByRole('button', { name: 'Approve plan' });
  });

  it('rejects with feedback for the planner', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, { setup: answerDecisions });
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    const send = screen.getByRole<HTMLButtonElement>('button', { name: 'Send feedback and re-plan' });
    expect(send.disabled).toBe(true);
    await user.type(screen.getByLabelText('What should the planner do differently?'), 'Use a template literal');
    await user.click(send);
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/plan/reject`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/plan/reject`)[0]?.body).toEqual({ feedback: 'Use a template literal' });
  });

  it('shows the API refusal of an approval', async () => {
    const user = userEvent.setup();
    renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable />, {
      setup: (api) =>
        api.on(`POST /tasks/${TASK_ID}/plan/approve`, {
          status: 409,
          json: { statusCode: 409, error: 'Conflict', message: 'The task is not awaiting plan approval' },
        }),
    });
    await user.click(screen.getByRole('button', { name: 'Approve plan' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The task is not awaiting plan approval');
  });

  it('is read-only when the plan is not up for approval or the user may not approve', async () => {
    const user = userEvent.setup();
    renderWithApp(<PlanEditor taskId={TASK_ID} plan={PLAN} editable={false} />);
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Approve|Drop|Reorder|Move/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Details of step 1' }));
    screen.getByText('Find the greeting.');
    expect(within(screen.getByTestId('target-tests')).getByTestId('target-test').textContent).toBe(
      'greets by nametest/greet.test.js',
    );
  });

  it('says when the plan names no target tests', () => {
    renderWithApp(<PlanEditor taskId={TASK_ID} plan={{ ...PLAN, targetTests: [] }} editable={false} />);
    screen.getByText('None: the task is done when nothing that passed before fails.');
  });

  it('says so while there is no plan', () => {
    renderWithApp(<PlanEditor taskId={TASK_ID} plan={null} editable />);
    screen.getByText(/No plan yet/);
  });

  it('sends the version the reviewer opened with the approval and the rejection', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(
      <PlanEditor taskId={TASK_ID} plan={PLAN} version={3} caption="Version 3 · proposed by the planner" editable />,
      { setup: answerDecisions },
    );
    expect(screen.getByTestId('plan-version').textContent).toBe('Version 3 · proposed by the planner');
    await user.click(screen.getByRole('button', { name: 'Approve plan' }));
    expect(await approvedBody(api)).toEqual({ baseVersion: 3 });
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    await user.type(screen.getByLabelText('What should the planner do differently?'), 'Test first');
    await user.click(screen.getByRole('button', { name: 'Send feedback and re-plan' }));
    await waitFor(() => expect(api.calls(`POST /tasks/${TASK_ID}/plan/reject`)).toHaveLength(1));
    expect(api.calls(`POST /tasks/${TASK_ID}/plan/reject`)[0]?.body).toEqual({
      feedback: 'Test first',
      baseVersion: 3,
    });
  });

  it("warns a reviewer with edits when another reviewer's version arrives, keeps the edits until discarded, and shows the 409", async () => {
    const user = userEvent.setup();
    const { api, rerender, queryClient } = renderWithApp(
      <PlanEditor taskId={TASK_ID} plan={PLAN} version={1} editable />,
      {
        setup: (fake) =>
          fake.on(`POST /tasks/${TASK_ID}/plan/approve`, {
            status: 409,
            json: {
              statusCode: 409,
              error: 'Conflict',
              message: 'The plan changed since you opened it (version 2 by alice); you opened version 1.',
              currentVersion: 2,
              changedBy: 'alice',
            },
          }),
      },
    );
    await user.click(screen.getByRole('button', { name: 'Drop step 1' }));
    const alicePlan: Plan = { ...PLAN, steps: [PLAN.steps[1]] };
    rerender(
      withProviders(
        queryClient,
        <PlanEditor taskId={TASK_ID} plan={alicePlan} version={2} caption="Version 2 · edited by alice" editable />,
      ),
    );
    expect((await screen.findByTestId('plan-stale')).textContent).toBe(
      'The plan changed since you opened it (now: Version 2 · edited by alice); your edits to version 1 were not applied.',
    );
    expect(stepOrder()).toEqual(['s1', 's2', 's3']);

    await user.click(screen.getByRole('button', { name: /Approve edited plan/ }));
    expect(await approvedBody(api)).toMatchObject({ baseVersion: 1 });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The plan changed since you opened it (version 2 by alice)',
    );

    await user.click(screen.getByRole('button', { name: 'Discard my edits and load version 2' }));
    expect(stepOrder()).toEqual(['s2']);
    expect(screen.queryByTestId('plan-stale')).toBeNull();
  });

  it('takes a newer version silently when the reviewer has no edits, and shows the decided plan, not a stale draft, once read-only', async () => {
    const user = userEvent.setup();
    const { rerender: rerenderBare, queryClient } = renderWithApp(
      <PlanEditor taskId={TASK_ID} plan={PLAN} version={1} editable />,
    );
    const rerender = (ui: ReactElement) => rerenderBare(withProviders(queryClient, ui));
    const edited: Plan = { ...PLAN, steps: [{ ...PLAN.steps[1], title: 'Change the greeting (edited)' }] };
    rerender(<PlanEditor taskId={TASK_ID} plan={edited} version={2} caption="Version 2 · edited by alice" editable />);
    await waitFor(() => expect(stepOrder()).toEqual(['s2']));
    expect(screen.queryByTestId('plan-stale')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Drop step 1' }));
    rerender(
      <PlanEditor
        taskId={TASK_ID}
        plan={edited}
        version={2}
        caption="Version 2 · edited by alice · approved by alice"
        editable={false}
      />,
    );
    expect(screen.getByText('Change the greeting (edited)').getAttribute('class')).not.toContain('line-through');
    screen.getByTestId('plan-stale');
    screen.getByRole('button', { name: 'Discard my edits' });
  });
});
