/** What the scripted model answers in the real-pipeline backend: a two-step plan, then the fix. */
import { GREETER_FIX } from '../../../../libs/testing/src/greeter-project';

export const GREETER_PLAN = {
  summary: 'Fix the greeting format so the failing test passes',
  steps: [
    {
      id: '1',
      title: 'Make greet() return "Hello, <name>!"',
      detail: 'Edit the string in src/greet.js.',
      files: ['src/greet.js'],
    },
    { id: '2', title: 'Run the test suite', detail: 'Both node:test tests must pass.', files: ['test/greet.test.js'] },
  ],
};

export const EXPLANATION_QUESTION = 'Why does this line use a template literal?';
export const EXPLANATION_ANSWER =
  'The template literal builds "Hello, <name>!" in one string, so the comma and the exclamation mark the failing test expects sit around the name.';

/** The backlog planner's answer to the e2e project's goal (role `backlog`: no task's replay takes it). */
export const BACKLOG_PROJECT = {
  title: 'Greeter sign-in',
  goal: 'Let people sign in to the greeter service and be greeted by name',
};
export const BACKLOG_MILESTONES = ['Auth API', 'Login page', 'Greeting by name'];
export const BACKLOG_PATCH = {
  summary: 'Three milestones for the sign-in goal',
  operations: BACKLOG_MILESTONES.map((title, index) => ({
    op: 'create',
    tempId: `m${index + 1}`,
    parent: null,
    title,
    description: `${title}, demonstrable on its own.`,
    acceptanceCriteria: [`${title} works end to end`],
  })),
};

export const GREETER_SCRIPT = {
  label: 'web e2e greeter fix',
  turns: [
    { role: 'planner', toolCalls: [{ name: 'submit_plan', args: GREETER_PLAN }] },
    { role: 'coder', toolCalls: [{ name: 'read_file', args: { path: 'src/greet.js' } }] },
    { role: 'coder', toolCalls: [{ name: 'edit_file', args: GREETER_FIX }] },
    { role: 'coder', content: 'greet() now returns "Hello, <name>!".' },
    // The reviewer's question at diff review ("Explain this change").
    { role: 'reviewer', content: EXPLANATION_ANSWER },
    // The round after the reviewer's "Request changes": the template literal stays, as the comment asked.
    { role: 'coder', content: 'Kept the template literal, as the review asked; nothing else to change.' },
    // The backlog planner's one conversation (pipeline: backlog planner).
    { role: 'backlog', toolCalls: [{ name: 'propose_patch', args: BACKLOG_PATCH }] },
  ],
};

export const DIFF_FEEDBACK = 'Keep the template literal, and keep the module style as it is.';
export const INLINE_COMMENT = 'A template literal reads better here.';
export const REWORDED_STEP = 'Make greet() return "Hello, <name>!" with a template literal';
