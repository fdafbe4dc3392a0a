import type { CheckRun } from '@patchbay/contracts';
import { parseLintOutput } from './test-result-parsers/lint-output.parser';
import { tail } from './test-result-parsers/parse-test-output';
import { failure, stripAnsi } from './test-result-parsers/parsed-test-run';
import type { PlannedStep } from './validation-plan';

export interface CheckOutput {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  oomKilled: boolean;
}

const OUTPUT_TAIL_CHARS = 4_000;
const MESSAGE_TAIL_CHARS = 1_500;

/**
 * Signs that the tool itself is missing from the sandbox (not installed, dependencies not
 * installed, a script that does not exist), as opposed to a tool that ran and found problems.
 * Exit code 127 is the shell's "command not found". A TypeScript error such as
 * `error TS2307: Cannot find module './x'` is a finding, not a missing tool: Node's own message
 * starts its line with `Error: Cannot find module`.
 */
const UNAVAILABLE: readonly RegExp[] = [
  /^.*\b([\w@./-]+): (?:command )?not found\s*$/m,
  /^Error: Cannot find module '[^']+'.*$/m,
  /^Error \[ERR_MODULE_NOT_FOUND\]: Cannot find (?:package|module) '[^']+'.*$/m,
  /^.*No module named '?[\w.]+'?.*$/m,
  // The project's ESLint is not installed, and the one on the image (Debian's ESLint 6 in the node image) cannot read its configuration.
  /^.*ESLint couldn't find (?:the|a) (?:plugin|config(?:uration file)?)\b.*$/m,
  /^.*(?:npm ERR!|npm error) Missing script: .*$/m,
  /^.*(?:npm ERR!|npm error) could not determine executable to run.*$/m,
  /^.*npx canceled due to missing packages.*$/m,
  /^.*ERR_PNPM_NO_SCRIPT.*$/m,
  /^.*ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL.*not found.*$/m,
  /^error Command "[^"]+" not found\..*$/m,
];

/** Why the tool could not run, when its output says it is missing; null when it ran. */
export function unavailableReason(output: Pick<CheckOutput, 'exitCode' | 'stdout' | 'stderr'>): string | null {
  if (output.exitCode === 0 || output.exitCode === null) return null;
  const text = stripAnsi(`${output.stderr}\n${output.stdout}`);
  for (const pattern of UNAVAILABLE) {
    const match = pattern.exec(text);
    if (match) return match[0].trim();
  }
  return output.exitCode === 127 ? 'exit code 127: the command was not found' : null;
}

/**
 * Judges a check that ran: `unavailable` when its tool is missing (never a failure: the sandbox
 * lacks it at the baseline as much as after the edit), `passed` on exit 0, otherwise `failed` with
 * one failure per problem a linter printed — so only problems the edit introduced count as new —
 * or one for the whole check when its output names none.
 */
export function checkResult(step: PlannedStep, output: CheckOutput, limitMs: number): CheckRun {
  const kind = step.role === 'lint' ? 'lint' : 'script';
  const base = {
    kind,
    name: step.name,
    command: step.command,
    exitCode: output.exitCode,
    durationMs: Math.max(0, Math.round(output.durationMs)),
    outputTail: tail(`${output.stdout}\n${output.stderr}`, OUTPUT_TAIL_CHARS),
  } as const;
  const checkFailure = (message: string) => failure(`check: ${step.name}`, undefined, message);
  if (output.timedOut || output.oomKilled) {
    const what = output.timedOut ? `did not finish within ${limitMs} ms` : 'ran out of memory';
    return { ...base, status: 'failed', failures: [checkFailure(`the check ${what}`)] };
  }
  const reason = unavailableReason(output);
  if (reason) return { ...base, status: 'unavailable', unavailableReason: reason, failures: [] };
  if (output.exitCode === 0) return { ...base, status: 'passed', failures: [] };
  const problems = parseLintOutput(`${output.stdout}\n${output.stderr}`)?.failures ?? [];
  const exit = output.exitCode === null ? 'was killed' : `exited with code ${output.exitCode}`;
  return {
    ...base,
    status: 'failed',
    failures:
      problems.length > 0
        ? problems
        : [checkFailure(`the check ${exit}\n${tail(`${output.stdout}\n${output.stderr}`, MESSAGE_TAIL_CHARS)}`)],
  };
}
