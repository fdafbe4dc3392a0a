import { interrupt } from '@langchain/langgraph';
import { requireBrief } from '../stage';
import type { ClarificationAnswer, TaskGraphStateType, TaskGraphUpdate } from '../task-graph.state';

/**
 * Waits for the requester's answer to the planner's question (a LangGraph interrupt, resumed by
 * the gateway's AnswerClarification). The plan node has already announced the question and moved
 * the task to awaiting_clarification, and the gateway moves it back to planning with the answer,
 * so nothing here has side effects: the node re-runs from the top on resume.
 */
export function clarificationNode() {
  return (state: TaskGraphStateType): TaskGraphUpdate => {
    const pending = requireBrief(state.pendingQuestion, 'a question to the requester');
    const reply = interrupt<{ kind: 'clarification'; questionNumber: number }, ClarificationAnswer>({
      kind: 'clarification',
      questionNumber: pending.questionNumber,
    });
    return {
      clarifications: [
        ...state.clarifications,
        {
          question: pending.question,
          ...(pending.options ? { options: pending.options } : {}),
          answer: reply.answer,
          answeredBy: reply.answeredBy,
          via: reply.via,
        },
      ],
      pendingQuestion: null,
    };
  };
}
