import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, taskView } from '../../../testing/render-with-app';
import { NewTaskForm } from '../../tasks/components/new-task-form';

// The field's id holds a dot, like the form's other nested fields; found by its accessible name.
const budgetField = (form: HTMLElement) =>
  within(form).getByRole('textbox', { name: 'Budget in US dollars (optional)' });

describe('a task budget at creation', () => {
  it('refuses an amount it cannot read under the field, and sends one it can', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<NewTaskForm />, {
      setup: (fake) => {
        fake.on('GET /repositories', {
          json: [
            {
              id: 'r1',
              fullName: 'acme/greeter',
              source: 'local',
              defaultBranch: 'main',
              allowed: true,
              settings: { autoApprovePlan: false, autoApproveDiff: false },
            },
          ],
        });
        fake.on('POST /tasks', { json: taskView() });
      },
    });
    const form = await screen.findByRole('form', { name: 'New task' });
    await user.type(within(form).getByLabelText('Prompt'), 'Fix the greeting');
    await user.type(budgetField(form), 'fifty cents');
    await user.click(within(form).getByRole('button', { name: /create|start/i }));
    expect(within(form).getByTestId('field-error-budget.usd').textContent).toBe(
      'must be an amount in US dollars, e.g. 0.50 (at most 6 decimals)',
    );
    expect(api.calls('POST /tasks')).toHaveLength(0);

    await user.clear(budgetField(form));
    await user.type(budgetField(form), '0.50');
    await user.click(within(form).getByRole('button', { name: /create|start/i }));
    await waitFor(() => expect(api.calls('POST /tasks')).toHaveLength(1));
    expect(api.calls('POST /tasks')[0]?.body).toMatchObject({
      repository: 'acme/greeter',
      prompt: 'Fix the greeting',
      budget: { usd: 0.5 },
    });
  });
});
