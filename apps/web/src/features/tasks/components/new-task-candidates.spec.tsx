import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, taskView } from '../../../testing/render-with-app';
import { NewTaskForm } from './new-task-form';

const REPOSITORY = {
  id: 'r1',
  fullName: 'acme/greeter',
  source: 'local',
  defaultBranch: 'main',
  allowed: true,
  settings: { autoApprovePlan: false, autoApproveDiff: false },
};
const QUOTA_REFUSAL =
  'candidates: 4 parallel attempts asked for, but this organisation allows at most 3 per task (quota candidates_per_task); ask for 3 or fewer, or have an admin raise the quota';

async function fillAndSubmit(candidates: string | null) {
  const user = userEvent.setup();
  const form = await screen.findByRole('form', { name: 'New task' });
  await user.type(within(form).getByLabelText('Prompt'), 'Fix the greeting');
  if (candidates !== null) {
    const field = within(form).getByLabelText('Candidates (best of N)');
    await user.clear(field);
    await user.type(field, candidates);
  }
  await user.click(within(form).getByRole('button', { name: /create|start/i }));
}

describe('best-of-N candidates at task creation', () => {
  it('leaves candidates out at the default of 1, so the task is created as before', async () => {
    const { api } = renderWithApp(<NewTaskForm />, {
      setup: (fake) => {
        fake.on('GET /repositories', { json: [REPOSITORY] });
        fake.on('POST /tasks', { json: taskView() });
      },
    });
    await fillAndSubmit(null);
    await waitFor(() => expect(api.calls('POST /tasks')).toHaveLength(1));
    expect(api.calls('POST /tasks')[0]?.body).not.toHaveProperty('candidates');
  });

  it('sends a higher number, and shows the quota refusal', async () => {
    const { api } = renderWithApp(<NewTaskForm />, {
      setup: (fake) => {
        fake.on('GET /repositories', { json: [REPOSITORY] });
        fake.on('POST /tasks', {
          status: 422,
          json: { statusCode: 422, error: 'Unprocessable Entity', message: QUOTA_REFUSAL },
        });
      },
    });
    await fillAndSubmit('4');
    await waitFor(() => expect(api.calls('POST /tasks')).toHaveLength(1));
    expect(api.calls('POST /tasks')[0]?.body).toMatchObject({ candidates: 4 });
    expect((await screen.findByRole('alert')).textContent).toContain('allows at most 3 per task');
  });
});
