import type { TaskEvent } from '@patchbay/contracts';
import { clarificationsOf } from './task-event-payloads';

const TASK_ID = 'b3f1a0c4-1d2e-4f5a-8b6c-7d8e9f0a1b2c';
let seq = 0;
function event(partial: Pick<TaskEvent, 'type' | 'agent' | 'payload'>): TaskEvent {
  seq += 1;
  return { id: `e${seq}`, taskId: TASK_ID, seq, at: '2026-12-06T06:00:00.000Z', ...partial } as TaskEvent;
}

const asked = (questionNumber: number, question: string, options?: string[]) =>
  event({
    type: 'clarification_requested',
    agent: 'supervisor',
    payload: { question, options, classification: 'bug_fix', questionNumber, maxQuestions: 3 },
  });
const answered = (questionNumber: number, answer: string) =>
  event({
    type: 'clarification_answered',
    agent: 'gateway',
    payload: { answer, answeredBy: 'alice', via: 'dashboard', questionNumber },
  });
const requeued = () =>
  event({ type: 'status_changed', agent: 'gateway', payload: { from: 'failed', to: 'queued', by: 'alice' } });

describe('clarificationsOf', () => {
  it('pairs each question with its answer, oldest first, leaving the open one unanswered', () => {
    const questions = clarificationsOf([
      asked(1, 'Which module?'),
      answered(1, 'The greeter'),
      asked(2, 'Comma or not?', ['Comma', 'No comma']),
    ]);
    expect(questions).toEqual([
      {
        questionNumber: 1,
        question: 'Which module?',
        options: [],
        classification: 'bug_fix',
        answer: { answer: 'The greeter', answeredBy: 'alice', via: 'dashboard' },
      },
      {
        questionNumber: 2,
        question: 'Comma or not?',
        options: ['Comma', 'No comma'],
        classification: 'bug_fix',
        answer: null,
      },
    ]);
  });

  it('starts over with a retried attempt, whose planner asks afresh', () => {
    const questions = clarificationsOf([
      asked(1, 'Old question'),
      answered(1, 'Old answer'),
      requeued(),
      asked(1, 'New'),
    ]);
    expect(questions.map((item) => [item.question, item.answer])).toEqual([['New', null]]);
  });
});
