import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, TASK_ID } from '../../../testing/render-with-app';
import { AddConstraintForm } from './add-constraint-form';

const ROUTE = `POST /tasks/${TASK_ID}/constraints`;
const ADDED = {
  id: '00000000-0000-4000-8000-0000000000d1',
  note: 'Keep the public API',
  avoidFiles: ['src/config.ts', 'migrations/**'],
  maxFilesChanged: 2,
  addedBy: 'carol',
  at: '2026-12-06T05:00:00.000Z',
};

describe('AddConstraintForm', () => {
  it('sends only the fields filled in, one pattern a line, and confirms the delivery to come', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<AddConstraintForm taskId={TASK_ID} />, {
      setup: (fake) => fake.on(ROUTE, { status: 201, json: ADDED }),
    });
    await user.click(screen.getByRole('button', { name: 'Add constraint' }));
    await user.type(screen.getByLabelText('Note for the coder'), '  Keep the public API  ');
    await user.type(screen.getByLabelText('Files to avoid from now on'), 'src/config.ts{Enter}migrations/**{Enter}');
    await user.type(screen.getByLabelText('Change at most (files)'), '2');
    await user.click(screen.getByRole('button', { name: 'Add constraint' }));

    await waitFor(() => expect(api.calls(ROUTE)).toHaveLength(1));
    expect(api.calls(ROUTE)[0]?.body).toEqual({
      note: 'Keep the public API',
      avoidFiles: ['src/config.ts', 'migrations/**'],
      maxFilesChanged: 2,
    });
    expect((await screen.findByRole('status')).textContent).toBe(
      'Constraint added; the coder gets it at its next step.',
    );
    expect(screen.queryByRole('form', { name: 'Add constraint' })).toBeNull();
  });

  it('sends nothing when every field is empty, and says what to give', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(<AddConstraintForm taskId={TASK_ID} />);
    await user.click(screen.getByRole('button', { name: 'Add constraint' }));
    await user.click(screen.getByRole('button', { name: 'Add constraint' }));
    expect(screen.getByRole('alert').textContent).toBe('Write a note, name files to avoid or give a lower limit.');
    expect(api.calls(ROUTE)).toHaveLength(0);
  });

  it("shows the gateway's refusal of a higher limit at its field and keeps the form open", async () => {
    const user = userEvent.setup();
    renderWithApp(<AddConstraintForm taskId={TASK_ID} />, {
      setup: (fake) =>
        fake.on(ROUTE, {
          status: 400,
          json: {
            statusCode: 400,
            error: 'Bad Request',
            message:
              'maxFilesChanged: the task already allows at most 3 changed files, and a constraint can only lower the limit',
          },
        }),
    });
    await user.click(screen.getByRole('button', { name: 'Add constraint' }));
    await user.type(screen.getByLabelText('Change at most (files)'), '5');
    await user.click(screen.getByRole('button', { name: 'Add constraint' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'the task already allows at most 3 changed files, and a constraint can only lower the limit',
    );
    expect(screen.getByLabelText('Change at most (files)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('form', { name: 'Add constraint' })).toBeTruthy();
  });
});
