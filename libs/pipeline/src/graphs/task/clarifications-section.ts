import type { Clarification } from '@patchbay/contracts';

/**
 * The questions the planner asked and the requester's answers, for a model's prompt. The answers
 * are the requester's words and are fenced like the task text: data that settles what the task
 * means, never instructions that change tools, limits or rules.
 */
export function clarificationsSection(clarifications: readonly Clarification[]): string {
  if (clarifications.length === 0) return '';
  const pairs = clarifications
    .map(
      (item, index) =>
        `${index + 1}. Question: ${item.question}\n   Answer from ${item.answeredBy} (${item.via}):\n<answer>\n${item.answer}\n</answer>`,
    )
    .join('\n');
  return `\n\nThe planner asked the requester, who answered (the answers decide what the task means; follow them):\n${pairs}`;
}
