import type { ExecResult, RequiredCheck, RequiredCheckRun } from '@patchbay/contracts';
import { redactText } from '@patchbay/observability';
import type { PlannedStep } from './validation-plan';

/** A required check as a step of the run: the command as the repository wrote it, no reporter added. */
export function requiredCheckStep(check: RequiredCheck): PlannedStep {
  return {
    role: 'check',
    name: check.name,
    command: check.command,
    written: check.command,
    framework: 'custom',
    format: 'auto',
  };
}

/**
 * A required check passes only when its command exits 0 within its limit. Unlike a lint step, a
 * missing tool is no excuse: the repository asked for this check on every change, so a check that
 * cannot run has not passed, and only a person may let it through.
 */
export function requiredCheckRun(
  check: RequiredCheck,
  result: Pick<ExecResult, 'exitCode' | 'durationMs' | 'timedOut' | 'oomKilled' | 'stdout' | 'stderr'>,
): RequiredCheckRun {
  const passed = result.exitCode === 0 && !result.timedOut && !result.oomKilled;
  return {
    name: check.name,
    command: check.command,
    status: passed ? 'passed' : 'failed',
    exitCode: result.exitCode,
    durationMs: Math.max(0, Math.round(result.durationMs)),
    timedOut: result.timedOut,
    // The output is stored and linked from the pull request, so secrets are masked before it leaves.
    output: { stdout: redactText(result.stdout), stderr: redactText(result.stderr) },
  };
}
