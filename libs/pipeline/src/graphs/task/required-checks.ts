import {
  trimMiddle,
  stripAnsi,
  wrapUntrustedData,
  type RequiredCheckResult,
  type RequiredCheckRun,
} from '@patchbay/contracts';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import type { TaskBrief } from './task-graph.state';

/** The end of a check's output kept in its event and state; the whole output is the stored artifact. */
const OUTPUT_TAIL_CHARS = 2_000;
/** Each failing check's output in the coder's feedback, cut from the middle. */
const FEEDBACK_OUTPUT_CHARS = 4_000;

/**
 * Records a validation run's required checks: each one's whole output as a `log` artifact (served
 * by `GET /tasks/:id/outputs/:artifactId`, linked from the pull request), then a `check_completed`
 * event. The events are the record the gateway's approval path and the dashboard read.
 */
export async function recordRequiredChecks(
  deps: PipelineDependencies,
  brief: TaskBrief,
  run: { runId: string; round: number },
  checks: readonly RequiredCheckRun[],
): Promise<RequiredCheckResult[]> {
  const results: RequiredCheckResult[] = [];
  for (const check of checks) {
    const printed = check.output.stdout !== '' || check.output.stderr !== '';
    const outputArtifactId = printed ? await deps.store.saveCommandOutput(brief.taskId, check.output) : null;
    const result = checkResultOf(check, run, outputArtifactId);
    await deps.events.raise(brief.taskId, 'check_completed', {
      runId: result.runId,
      attempt: brief.attempt,
      round: result.round,
      name: result.name,
      command: result.command,
      status: result.status,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      timedOut: result.timedOut,
      outputArtifactId: result.outputArtifactId,
      outputTail: result.outputTail,
    });
    results.push(result);
  }
  return results;
}

/** One check run as the record keeps it: the end of its output, no waiver yet. */
export function checkResultOf(
  check: RequiredCheckRun,
  run: { runId: string; round: number },
  outputArtifactId: string | null,
): RequiredCheckResult {
  return {
    name: check.name,
    command: check.command,
    runId: run.runId,
    round: run.round,
    status: check.status,
    exitCode: check.exitCode,
    durationMs: check.durationMs,
    timedOut: check.timedOut,
    outputArtifactId,
    outputTail: outputTail(check.output),
    waiver: null,
  };
}

/** What the coder (and a person reading the pause report) needs to fix failing checks: name, command, how it ended, its output. */
export function describeFailedChecks(failed: readonly RequiredCheckResult[]): string {
  if (failed.length === 0) return '';
  return [
    `${failed.length} required check(s) of the repository fail on your change; each must pass (run it with run_command to reproduce):`,
    ...failed.map((check) =>
      [
        '',
        `### ${check.name}: \`${check.command}\` ${howItEnded(check)}`,
        wrapUntrustedData(`the output of the check ${check.name}`, trimMiddle(check.outputTail, FEEDBACK_OUTPUT_CHARS)),
      ].join('\n'),
    ),
  ].join('\n');
}

export function howItEnded(check: Pick<RequiredCheckResult, 'exitCode' | 'timedOut'>): string {
  if (check.timedOut) return 'did not finish in time';
  return check.exitCode === null ? 'was killed' : `exited with code ${check.exitCode}`;
}

function outputTail(output: { stdout: string; stderr: string }): string {
  const text = stripAnsi([output.stdout, output.stderr].filter((part) => part.trim() !== '').join('\n'));
  return text.length > OUTPUT_TAIL_CHARS ? `…${text.slice(-OUTPUT_TAIL_CHARS)}` : text;
}
