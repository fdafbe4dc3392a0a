import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ClarificationView } from '../types/task-event-payloads';
import { ClarificationPanel } from './clarification-panel';

const ANSWERED: ClarificationView = {
  questionNumber: 1,
  question: 'Which module do you mean?',
  options: [],
  classification: 'refactor',
  answer: { answer: 'The greeter', answeredBy: 'alice', via: 'github' },
};
const OPEN: ClarificationView = {
  questionNumber: 2,
  question: 'Exclamation mark or full stop?',
  options: ['Exclamation mark', 'Full stop'],
  classification: 'bug_fix',
  answer: null,
};

function renderPanel(props: Partial<Parameters<typeof ClarificationPanel>[0]> = {}) {
  const onAnswer = jest.fn<void, [string]>();
  render(
    <ClarificationPanel
      clarifications={[ANSWERED, OPEN]}
      awaiting
      canAnswer
      pending={false}
      onAnswer={onAnswer}
      {...props}
    />,
  );
  return onAnswer;
}

describe('ClarificationPanel', () => {
  it('keeps every question with its answer, who gave it and where, and the classification', () => {
    renderPanel();
    const [first, second] = screen.getAllByTestId('clarification');
    expect(first.textContent).toContain('Question 1 · the planner reads this as a refactor');
    expect(within(first).getByTestId('clarification-answer').textContent).toBe('alice answered on GitHub: The greeter');
    expect(second.textContent).toContain('Exclamation mark or full stop?');
    expect(within(second).queryByTestId('clarification-answer')).toBeNull();
  });

  it('answers with one click on an option', () => {
    const onAnswer = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Full stop' }));
    expect(onAnswer).toHaveBeenCalledWith('Full stop');
  });

  it('sends a typed answer, trimmed, and not an empty one', () => {
    const onAnswer = renderPanel();
    const send = screen.getByRole<HTMLButtonElement>('button', { name: 'Send answer' });
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Or answer in your own words'), { target: { value: '  Both, please  ' } });
    fireEvent.click(send);
    expect(onAnswer).toHaveBeenCalledWith('Both, please');
  });

  it('offers no form to a viewer, nor once the task no longer waits', () => {
    renderPanel({ canAnswer: false });
    expect(screen.queryByRole('button', { name: 'Send answer' })).toBeNull();
    expect(screen.getByText(/waits for an answer from someone who may approve its plan/)).toBeTruthy();
  });

  it('shows no form when the latest question is answered and the task plans again', () => {
    renderPanel({ clarifications: [ANSWERED], awaiting: false });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Suggested answers' })).toBeNull();
  });
});
