import type { TargetTestStatus, ValidationVerdict } from '@patchbay/contracts';
import { checksSection, waivedCheckRiskLines } from './checks-section';
import { dependencyRiskLines } from './dependency-check';
import { planConformanceSection } from './plan-conformance-section';
import { egressSection } from './egress-section';
import type { TaskGraphStateType } from './task-graph.state';
import { describeTest, unmetTargets } from './verdict-report';

export function pullRequestTitle(prompt: string): string {
  const firstLine = prompt.split('\n')[0]?.trim() ?? 'Patchbay change';
  return firstLine.length > 72 ? `${firstLine.slice(0, 69)}...` : firstLine;
}

const STATUS_LABELS: Record<TargetTestStatus, string> = {
  passed: '✅ passes',
  failed: '❌ fails',
  not_run: '⚠️ not run',
};

/** What a reviewer should look at twice, judged from the validation results. */
function risks(state: TaskGraphStateType): string[] {
  const after = state.latest;
  const verdict = state.verdict;
  const found: string[] = [];
  if (!after) found.push('- The change was not validated by a test run.');
  else {
    if (after.tests.passed + after.tests.failed === 0) {
      // Zero counts from output nothing could be read in are not "no tests ran": only the exit code is known.
      found.push(
        after.tests.resultDetail === 'exit_code'
          ? `- The test command (\`${after.tests.command}\`) passed, but its output names or counts no tests Patchbay could read: only its exit code vouches for the behaviour.`
          : '- No tests ran: the repository has none Patchbay could detect, so behaviour is unverified.',
      );
    }
    // A target test that does not pass is this change's unfinished business, never "not introduced by it".
    for (const target of verdict ? unmetTargets(verdict) : [])
      found.push(`- Target test ${describeTest(target.test)} does not pass (${STATUS_LABELS[target.after]}).`);
    if (verdict && verdict.newFailures.length > 0)
      found.push(`- ${verdict.newFailures.length} test(s) fail that passed on the base commit.`);
    if (verdict && verdict.preexistingFailures.length > 0) {
      found.push(
        `- ${verdict.preexistingFailures.length} failure(s) from the base commit still fail (listed above); this change does not fix them.`,
      );
    } else if (!verdict && after.tests.failed > 0) found.push(`- ${after.tests.failed} test(s) still fail.`);
    if (after.lint && (after.lint.exitCode ?? 0) !== 0) found.push('- The linter reports problems (see the task log).');
    for (const check of (after.checks ?? []).filter((entry) => entry.status === 'unavailable')) {
      found.push(
        `- ${check.kind === 'lint' ? 'The linter' : `The check \`${check.name}\``} could not run in the sandbox (${check.unavailableReason ?? 'not installed'}), so it says nothing about this change.`,
      );
    }
  }
  found.push(...dependencyRiskLines(state.dependencyFindings ?? []));
  found.push(...waivedCheckRiskLines(state.requiredChecks ?? []));
  return found.length > 0
    ? found
    : ['- None found: every target test passes and every test that passed before still passes.'];
}

function targetTestsSection(verdict: ValidationVerdict | null): string[] {
  if (!verdict || verdict.targets.length === 0) return [];
  return [
    '### Target tests',
    '| test | before | after |',
    '|---|---|---|',
    ...verdict.targets.map(
      (target) =>
        `| ${cell(describeTest(target.test))} | ${STATUS_LABELS[target.before]} | ${STATUS_LABELS[target.after]}${target.evidence === 'counts' ? ' (by count: the runner does not name passing tests)' : ''} |`,
    ),
    '',
  ];
}

function remainingFailuresSection(verdict: ValidationVerdict | null): string[] {
  if (!verdict || verdict.preexistingFailures.length === 0) return [];
  return [
    '### Failures that were already there and stay',
    'These failed on the base commit too; the repository allows them to stay.',
    ...verdict.preexistingFailures.map((failure) => `- ${cell(describeTest(failure))}`),
    '',
  ];
}

/** Test names come from repositories: a pipe or a newline would break the table or the list. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The PR description: summary, the approved plan, tests before and after, risks, files changed. */
export function pullRequestBody(state: TaskGraphStateType): string {
  const plan = state.plan;
  const before = state.baseline?.tests;
  const after = state.latest?.tests;
  const github = state.brief?.github;
  const fixes =
    github && github.threadKind === 'issue' && !github.followUp ? [`Fixes #${github.threadNumber}`, ''] : [];
  const files = (state.diff ?? '')
    .split('\n')
    .filter((line) => line.startsWith('diff --git '))
    .map((line) => line.replace(/^diff --git a\/(\S+) b\/.*$/, '$1'));
  return [
    '## Summary',
    plan?.summary ?? '',
    '',
    '## Plan',
    ...(plan?.steps.map((step, index) => `${index + 1}. ${step.title}`) ?? []),
    '',
    ...planConformanceSection(state.planConformance ?? null, state.outOfPlanAcknowledgement ?? null),
    '## Tests',
    `| | passed | failed | skipped |`,
    `|---|---|---|---|`,
    before ? `| before | ${before.passed} | ${before.failed} | ${before.skipped} |` : '| before | – | – | – |',
    after ? `| after | ${after.passed} | ${after.failed} | ${after.skipped} |` : '| after | – | – | – |',
    '',
    ...targetTestsSection(state.verdict),
    ...remainingFailuresSection(state.verdict),
    ...checksSection(state.brief?.taskId ?? '', state.requiredChecks ?? []),
    '## Risks',
    ...risks(state),
    '',
    ...egressSection(state.egressReport),
    '## Files changed',
    ...files.map((file) => `- \`${file}\``),
    '',
    `Model: ${state.modelLabel ?? 'unknown'}`,
    '',
    ...fixes,
    `_Opened by Patchbay for @${state.brief?.login ?? 'unknown'}._`,
  ].join('\n');
}
