import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, TASK_ID } from '../../../testing/render-with-app';
import { ExplainChangePanel } from './explain-change-panel';

const ROUTE = `POST /tasks/${TASK_ID}/diff/explanations`;

describe('ExplainChangePanel', () => {
  it('asks about the chosen lines of the open file, then the whole change', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApp(
      <ExplainChangePanel taskId={TASK_ID} file="src/greet.js" firstChangedLine={2} explanations={[]} canAsk />,
      { setup: (fake) => fake.on(ROUTE, { status: 202, json: { explanationId: 'x1' } }) },
    );
    await user.clear(screen.getByLabelText('to'));
    await user.type(screen.getByLabelText('to'), '4');
    await user.type(screen.getByLabelText('Your question'), '  Why a template literal?  ');
    await user.click(screen.getByRole('button', { name: 'Ask the reviewer model' }));
    await waitFor(() => expect(api.calls(ROUTE)).toHaveLength(1));
    expect(api.calls(ROUTE)[0]?.body).toEqual({
      question: 'Why a template literal?',
      file: 'src/greet.js',
      lines: { start: 2, end: 4 },
    });
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Your question').value).toBe(''));

    await user.click(screen.getByLabelText('The whole change'));
    await user.type(screen.getByLabelText('Your question'), 'What else changed?');
    await user.click(screen.getByRole('button', { name: 'Ask the reviewer model' }));
    await waitFor(() => expect(api.calls(ROUTE)).toHaveLength(2));
    expect(api.calls(ROUTE)[1]?.body).toEqual({ question: 'What else changed?' });
  });

  it('lists earlier questions with the answer so far, the whole answer, or why there is none; viewers only read', () => {
    renderWithApp(
      <ExplainChangePanel
        taskId={TASK_ID}
        file="src/greet.js"
        firstChangedLine={1}
        canAsk={false}
        explanations={[
          {
            id: 'a',
            question: 'Why?',
            file: 'src/greet.js',
            lines: { start: 1, end: 1 },
            by: 'carol',
            answer: 'Because it reads better.',
            status: 'answered',
            model: 'gpt-4o-mini',
          },
          { id: 'b', question: 'And the tests?', by: 'carol', answer: 'They', status: 'answering' },
          {
            id: 'c',
            question: 'Budget?',
            by: 'dave',
            answer: '',
            status: 'failed',
            failure: 'No answer: budget reached',
          },
        ]}
      />,
    );
    const items = screen.getAllByTestId('explanation');
    expect(items.map((item) => item.getAttribute('data-status'))).toEqual(['answered', 'answering', 'failed']);
    expect(items[0]?.textContent).toContain('carol asked about src/greet.js:1 · answered by gpt-4o-mini');
    expect(items[1]?.textContent).toContain('The reviewer model is answering…');
    expect(items[2]?.textContent).toContain('No answer: budget reached');
    expect(screen.queryByRole('button', { name: 'Ask the reviewer model' })).toBeNull();
  });
});
