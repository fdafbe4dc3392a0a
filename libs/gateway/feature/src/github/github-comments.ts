import type { Plan } from '@patchbay/contracts';

/**
 * The texts Patchbay posts on GitHub. They quote nothing from the triggering comment back, so a
 * comment cannot make Patchbay say something (or mention someone) on its behalf.
 */
export const GithubComments = {
  queued(taskUrl: string, followUp: boolean): string {
    return followUp
      ? `👀 On it — a follow-up task is queued and will commit to this pull request's branch. Follow along: ${taskUrl}`
      : `👀 On it — Patchbay queued a task for this. Follow along: ${taskUrl}`;
  },

  notPermitted(login: string): string {
    return `Hi @${login}, thanks for the nudge! Only people with write access to this repository can ask Patchbay to make changes, so I won't act on this one. A maintainer can trigger it instead.`;
  },

  notAllowed(repository: string): string {
    return `Patchbay is installed here, but ${repository} is not on its organisation's allow-list yet, so nothing will run. A Patchbay admin can allow it under Repositories.`;
  },

  quotaExceeded(message: string): string {
    return `Patchbay can't start this right now: ${message}`;
  },

  notPatchbayPullRequest(): string {
    return 'Patchbay only iterates on pull requests it opened. To start new work, label an issue or mention @patchbay on an issue.';
  },

  planReady(plan: Plan, taskUrl: string): string {
    const steps = plan.steps.map((step, index) => `${index + 1}. ${step.title}`).join('\n');
    return `### Proposed plan\n${plan.summary}\n\n${steps}\n\nReview, edit and approve (or reject with feedback) in the dashboard: ${taskUrl}`;
  },

  /**
   * The planner's question, for the requester to answer with a `@patchbay` reply. The question
   * and options are the model's words, which may echo the issue: a zero-width space keeps an
   * @name in them from pinging anyone.
   */
  question(question: string, options: readonly string[], questionNumber: number, taskUrl: string): string {
    const choices = options.length
      ? `\n\nOptions:\n${options.map((option) => `- ${unmention(option)}`).join('\n')}`
      : '';
    return `### ❓ Patchbay has a question before planning (${questionNumber})\n${unmention(question)}${choices}\n\nReply here with \`@patchbay <your answer>\`, or answer in the dashboard: ${taskUrl}`;
  },

  answerMissing(taskUrl: string): string {
    return `Patchbay is waiting for an answer to its question: reply with \`@patchbay <your answer>\`, or answer in the dashboard: ${taskUrl}`;
  },

  answerReceived(taskUrl: string): string {
    return `Thanks — Patchbay is planning again with your answer. Follow along: ${taskUrl}`;
  },

  published(url: string, number: number, followUp: boolean, headSha: string, summary: string | null): string {
    const head = followUp ? `Pushed ${headSha.slice(0, 12)} to #${number}.` : `Opened pull request #${number}: ${url}`;
    return summary ? `${head}\n\n${summary}` : head;
  },

  paused(taskUrl: string): string {
    return `Patchbay paused: the tests still fail after the allowed rounds and a human needs to decide how to go on. Details and options: ${taskUrl}`;
  },

  /** GitHub cannot play audio behind Patchbay's sign-in: the comment links the task view's player and quotes the transcript. */
  spokenSummary(text: string, durationSeconds: number | null, taskUrl: string): string {
    const length = durationSeconds === null ? '' : ` (${Math.round(durationSeconds)} s)`;
    // The transcript carries the plan's words; a zero-width space keeps an @name in it from pinging anyone.
    const quoted = unmention(text)
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    return `### 🔊 Spoken summary${length}\nListen in the task view: ${taskUrl}\n\n${quoted}`;
  },

  failed(category: string, message: string, taskUrl: string): string {
    return `Patchbay could not finish this task (${category}): ${message}\n\nDetails: ${taskUrl}`;
  },
};

/** Text with every @ followed by a zero-width space, so no @name or @team in it notifies anyone. */
function unmention(text: string): string {
  return text.replace(/@/g, '@\u200b');
}
