import type { TaskGraphStateType } from './task-graph.state';

export function pullRequestTitle(prompt: string): string {
  const firstLine = prompt.split('\n')[0]?.trim() ?? 'Patchbay change';
  return firstLine.length > 72 ? `${firstLine.slice(0, 69)}...` : firstLine;
}

/** What a reviewer should look at twice, judged from the validation results. */
function risks(state: TaskGraphStateType): string[] {
  const after = state.latest;
  const found: string[] = [];
  if (!after) found.push('- The change was not validated by a test run.');
  else {
    if (after.tests.passed + after.tests.failed === 0) found.push('- No tests ran: the repository has none Patchbay could detect, so behaviour is unverified.');
    if (after.tests.failed > 0) found.push(`- ${after.tests.failed} test(s) still fail; they failed on the base commit too (not introduced by this change).`);
    if (after.lint && (after.lint.exitCode ?? 0) !== 0) found.push('- The linter reports problems (see the task log).');
  }
  return found.length > 0 ? found : ['- None found: every test that passed before still passes.'];
}

/** The PR description: summary, the approved plan, tests before and after, risks, files changed. */
export function pullRequestBody(state: TaskGraphStateType): string {
  const plan = state.plan;
  const before = state.baseline?.tests;
  const after = state.latest?.tests;
  const github = state.brief?.github;
  const fixes = github && github.threadKind === 'issue' && !github.followUp ? [`Fixes #${github.threadNumber}`, ''] : [];
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
    '## Risks',
    ...risks(state),
    '',
    '## Files changed',
    ...files.map((file) => `- \`${file}\``),
    '',
    `Model: ${state.modelLabel ?? 'unknown'}`,
    '',
    ...fixes,
    `_Opened by Patchbay for @${state.brief?.login ?? 'unknown'}._`,
  ].join('\n');
}
