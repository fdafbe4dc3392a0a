import type { TargetTestOutcome, TestFailure, ValidationVerdict } from '@patchbay/contracts';

const MESSAGE_CHARS = 500;

export function describeTest(test: { name: string; file?: string }): string {
  return `${test.name}${test.file ? ` (${test.file})` : ''}`;
}

/** The target tests that keep a change from being done. */
export function unmetTargets(verdict: ValidationVerdict): TargetTestOutcome[] {
  return verdict.targets.filter((target) => target.after !== 'passed');
}

/**
 * Why a change is not done, as a human reads it in the pause report and the coder in its
 * feedback: target tests that do not pass, new failures, and base-commit failures the repository
 * does not allow to stay.
 */
export function describeVerdict(verdict: ValidationVerdict): string {
  const sections: string[] = [];
  const unmet = unmetTargets(verdict);
  if (unmet.length > 0) {
    sections.push(
      [
        'Target tests that do not pass yet:',
        ...unmet.map((target) => `- ${describeTest(target.test)}: ${describeTargetStatus(target)}`),
      ].join('\n'),
    );
  }
  if (verdict.newFailures.length > 0) {
    sections.push(
      ['Tests that fail now and did not fail on the base commit:', ...listFailures(verdict.newFailures)].join('\n'),
    );
  }
  if (verdict.preexistingFailuresBlock) {
    sections.push(
      [
        'Tests that already failed on the base commit and must pass too (the repository does not allow failures to stay):',
        ...listFailures(verdict.preexistingFailures),
      ].join('\n'),
    );
  }
  return sections.join('\n\n') || 'Every target test passes and nothing that passed before fails.';
}

/**
 * One line on why a change is not done, for the coder's feedback: the tests themselves, with
 * their output, travel beside it (PreviousRound), so they are not repeated here.
 */
export function verdictHeadline(verdict: ValidationVerdict): string {
  const unmet = unmetTargets(verdict).length;
  const reasons = [
    unmet > 0 ? `${unmet} target test(s) do not pass` : '',
    verdict.newFailures.length > 0 ? `${verdict.newFailures.length} test(s) fail that passed on the base commit` : '',
    verdict.preexistingFailuresBlock
      ? `${verdict.preexistingFailures.length} failure(s) from the base commit must be fixed too`
      : '',
  ].filter(Boolean);
  return `Your change is not done yet: ${reasons.join('; ')}. Each failing test is listed below with the runner's output.`;
}

function describeTargetStatus(target: TargetTestOutcome): string {
  if (target.after === 'not_run') return 'not reported by this run (renamed, deleted, or not run)';
  return `still fails${target.failure ? ` — ${target.failure.message.slice(0, MESSAGE_CHARS)}` : ''}`;
}

function listFailures(failures: readonly TestFailure[]): string[] {
  return failures.map((failure) => `- ${describeTest(failure)}: ${failure.message.slice(0, MESSAGE_CHARS)}`);
}
