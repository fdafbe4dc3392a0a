import type { TaskGraphStateType } from './task-graph.state';

export function pullRequestTitle(prompt: string): string {
  const firstLine = prompt.split('\n')[0]?.trim() ?? 'Patchbay change';
  return firstLine.length > 72 ? `${firstLine.slice(0, 69)}...` : firstLine;
}

/** The PR description: summary, the approved plan, tests before and after, files changed. */
export function pullRequestBody(state: TaskGraphStateType): string {
  const plan = state.plan;
  const before = state.baseline?.tests;
  const after = state.latest?.tests;
  const files = (state.diff ?? '').split('\n').filter((line) => line.startsWith('diff --git ')).map((line) => line.replace(/^diff --git a\/(\S+) b\/.*$/, '$1'));
  return [
    '## Summary',
    plan?.summary ?? '',
    '',
    '## Plan',
    ...(plan?.steps.map((step, index) => `${index + 1}. ${step.title}`) ?? []),
    '',
    '## Tests',
    `| | passed | failed | skipped |`,
    `|---|---|---|---|`,
    before ? `| before | ${before.passed} | ${before.failed} | ${before.skipped} |` : '| before | – | – | – |',
    after ? `| after | ${after.passed} | ${after.failed} | ${after.skipped} |` : '| after | – | – | – |',
    '',
    '## Files changed',
    ...files.map((file) => `- \`${file}\``),
    '',
    `Model: ${state.modelLabel ?? 'unknown'}`,
    '',
    `_Opened by Patchbay for @${state.brief?.login ?? 'unknown'}._`,
  ].join('\n');
}
