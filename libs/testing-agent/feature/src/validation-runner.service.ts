import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgentFailure } from '@patchbay/agent-runtime';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  MessagePatterns,
  newTaskEvent,
  type CheckEventSummary,
  type CheckRun,
  type ExecResult,
  type RequiredCheck,
  type RequiredCheckRun,
  type RunValidationCommand,
  type TaskEventPayload,
  type TestRunEventSummary,
  type TestResultDetail,
  type TestRunSummary,
  type ValidationResult,
} from '@patchbay/contracts';
import { commandOutputExcerpt } from '@patchbay/observability';
import { SandboxClient } from '@patchbay/sandbox-client';
import { checkResult } from './check-result';
import { requiredCheckRun, requiredCheckStep } from './required-check-run';
import { sandboxFailure } from './sandbox-failure';
import {
  detectValidationPlan,
  manifestsToRead,
  NoTestCommandError,
  type RepositoryFiles,
} from './test-command-detection';
import { parseTestOutput, tail } from './test-result-parsers/parse-test-output';
import type { PlannedStep, ValidationPlan } from './validation-plan';
import { VALIDATION_TIMEOUTS, type ValidationTimeouts } from './validation-timeouts';

/** Folders no test command is ever declared in; leaving them out keeps the listing small. */
const LISTING_IGNORES = ['node_modules', '.venv', 'venv', 'vendor', 'target', 'dist', 'build', '__pycache__', '.tox'];
const LISTING_MAX_ENTRIES = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;
export const EVENT_OUTPUT_MAX_BYTES = 2_048;
const EVENT_MAX_FAILURES = 50;
const EVENT_FAILURE_MESSAGE_CHARS = 500;
/** Report chunks are read base64-encoded; 600 KiB encodes to 800 KiB, under the sandbox's 1 MiB output cap. */
const REPORT_CHUNK_BYTES = 600 * 1024;
const REPORT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Runs a repository's tests (and checks) in the task's sandbox for one phase of the validation
 * loop: detects the plan, runs each step in order, reads the reports, and announces each command
 * and the results on the task's event stream. Every step runs even when an earlier one failed (a
 * compound script's `&&` would have stopped), so the tests are always read. Comparing against the
 * baseline is the caller's concern ({@link judgeValidation}); this returns everything that failed.
 */
@Injectable()
export class ValidationRunner {
  private readonly logger = new Logger(ValidationRunner.name);

  constructor(
    @Inject(SandboxClient) private readonly sandbox: SandboxClient,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(VALIDATION_TIMEOUTS) private readonly timeouts: ValidationTimeouts,
  ) {}

  /** `signal` is the task's cancellation: it kills the running command and stops before the next one. */
  async run(request: RunValidationCommand, signal?: AbortSignal): Promise<ValidationResult> {
    const files = await this.readRepository(request.sandboxId);
    let plan: ValidationPlan;
    try {
      plan = detectValidationPlan(files, {
        testCommand: request.testCommand,
        lintCommand: request.lintCommand,
        lintMode: request.lintMode,
      });
    } catch (error) {
      if (error instanceof NoTestCommandError) throw new AgentFailure('user_correctable', error.message);
      throw error;
    }
    this.logger.log({
      msg: 'validating',
      taskId: request.taskId,
      phase: request.phase,
      steps: plan.steps.map((step) => `${step.role}: ${step.command}`),
      lintNote: plan.lintNote,
    });
    await this.excludeFromDiff(
      request.sandboxId,
      plan.steps.flatMap((step) => step.gitExcludes ?? []),
    );
    const testRuns: TestRunSummary[] = [];
    const checks: CheckRun[] = [];
    for (const step of plan.steps) {
      signal?.throwIfAborted();
      if (step.role === 'tests') testRuns.push(await this.runTests(request, step, signal));
      else checks.push(await this.runCheck(request, step, signal));
    }
    // Required checks judge the change, so they run after the edits only, once the tests have run.
    const requiredChecks: RequiredCheckRun[] = [];
    if (request.phase === 'after')
      for (const check of request.requiredChecks ?? []) {
        signal?.throwIfAborted();
        requiredChecks.push(await this.runRequiredCheck(request, check, signal));
      }
    signal?.throwIfAborted();
    const tests = mergeTestRuns(testRuns);
    const lintCheck = checks.find((check) => check.kind === 'lint');
    const lint = lintCheck && lintCheck.status !== 'unavailable' ? lintSummary(lintCheck) : null;
    await this.raise(request.taskId, 'test_results', {
      phase: request.phase,
      ...forEvent(tests),
      lint: lint ? forEvent(lint) : null,
      checks: checks.map(checkForEvent),
      ...(plan.lintNote ? { lintNote: plan.lintNote } : {}),
    });
    return { tests, lint, checks, ...(request.requiredChecks?.length ? { requiredChecks } : {}) };
  }

  private async readRepository(sandboxId: string): Promise<RepositoryFiles> {
    try {
      const listing = await this.sandbox.list(sandboxId, '.', {
        recursive: true,
        ignore: LISTING_IGNORES,
        maxEntries: LISTING_MAX_ENTRIES,
      });
      const paths = listing.entries.filter((entry) => entry.type === 'file').map((entry) => entry.path);
      const contents = new Map<string, string>();
      for (const path of manifestsToRead(paths))
        contents.set(path, (await this.sandbox.readFile(sandboxId, path)).content);
      return { paths, contents };
    } catch (error) {
      throw sandboxFailure(error, sandboxId);
    }
  }

  /** Runner caches inside the workspace (node-tap's `.tap/`) must not become part of the change. */
  private async excludeFromDiff(sandboxId: string, paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const lines = paths
      .map((path) => `grep -qxF '${path}' .git/info/exclude 2>/dev/null || echo '${path}' >> .git/info/exclude`)
      .join('; ');
    try {
      await this.sandbox.exec(sandboxId, { command: `mkdir -p .git/info; ${lines}`, timeoutMs: 30_000 });
    } catch (error) {
      throw sandboxFailure(error, sandboxId);
    }
  }

  private async runTests(
    request: RunValidationCommand,
    step: PlannedStep,
    signal?: AbortSignal,
  ): Promise<TestRunSummary> {
    const timeoutMs = this.timeouts.testTimeoutMs;
    const { result, report } = await this.execute(request, step, timeoutMs, signal);
    const base = {
      framework: step.framework,
      command: step.command,
      exitCode: result.exitCode,
      durationMs: Math.max(0, Math.round(result.durationMs)),
      outputTail: tail(`${result.stdout}\n${result.stderr}`, OUTPUT_TAIL_CHARS),
    };
    if (result.timedOut || result.oomKilled) {
      const what = result.timedOut ? `did not finish within ${timeoutMs} ms` : 'ran out of memory';
      throw request.phase === 'baseline'
        ? new AgentFailure(
            'user_correctable',
            `The test command "${step.command}" ${what} on the base commit; raise the limit or set a test command that finishes.`,
          )
        : new AgentFailure(
            'code_logic',
            `The test command "${step.command}" ${what} after the edits (it finished on the base commit); the change may hang or leak memory.`,
          );
    }
    this.assertAlive(request, step, result);
    const parsed = parseTestOutput(
      step.format,
      { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, report },
      step.parseOptions,
    );
    return { ...base, ...parsed };
  }

  private async runCheck(request: RunValidationCommand, step: PlannedStep, signal?: AbortSignal): Promise<CheckRun> {
    // Script steps (a build, `tsc`) were part of the test command, so they get its time limit.
    const timeoutMs = step.role === 'lint' ? this.timeouts.lintTimeoutMs : this.timeouts.testTimeoutMs;
    const { result } = await this.execute(request, step, timeoutMs, signal);
    // A check that hangs is reported, not allowed to stop the validation of the tests.
    if (!result.timedOut && !result.oomKilled) this.assertAlive(request, step, result);
    return checkResult(step, result, timeoutMs);
  }

  /** Runs with the test command's time limit; the whole output goes back in the reply (the supervisor stores it), not in the event. */
  private async runRequiredCheck(
    request: RunValidationCommand,
    check: RequiredCheck,
    signal?: AbortSignal,
  ): Promise<RequiredCheckRun> {
    const step = requiredCheckStep(check);
    const { result } = await this.execute(request, step, this.timeouts.testTimeoutMs, signal, {
      wholeOutputInEvent: false,
    });
    if (!result.timedOut && !result.oomKilled) this.assertAlive(request, step, result);
    return requiredCheckRun(check, result);
  }

  private assertAlive(request: RunValidationCommand, step: PlannedStep, result: ExecResult): void {
    if (result.sandboxState !== 'running')
      throw new AgentFailure('transient', `sandbox ${request.sandboxId} died while running "${step.command}"`);
  }

  private async execute(
    request: RunValidationCommand,
    step: PlannedStep,
    timeoutMs: number,
    signal?: AbortSignal,
    options: { wholeOutputInEvent: boolean } = { wholeOutputInEvent: true },
  ): Promise<{ result: ExecResult; report: string | null }> {
    let result: ExecResult;
    let report: string | null = null;
    try {
      // A report left by an earlier phase must not be read as this run's.
      if (step.reportPath)
        await this.sandbox.exec(request.sandboxId, { command: `rm -f -- ${step.reportPath}`, timeoutMs: 30_000 });
      result = await this.sandbox.exec(request.sandboxId, { command: step.command, env: step.env, timeoutMs }, signal);
      if (step.reportPath && !result.timedOut && !result.oomKilled)
        report = await this.readReport(request.sandboxId, step.reportPath);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw sandboxFailure(error, request.sandboxId);
    }
    await this.raise(request.taskId, 'command_executed', {
      phase: request.phase,
      purpose: step.role,
      ...(step.role === 'tests' ? {} : { check: step.name }),
      command: step.command,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      timedOut: result.timedOut,
      oomKilled: result.oomKilled,
      output: outputSnippet(result),
      // Both streams, head and tail, secrets masked and colours kept, for the live log to expand.
      ...excerptFor(result, options.wholeOutputInEvent),
    });
    return { result, report };
  }

  /** Reads a report in chunks, as bytes, so neither the output cap nor a split UTF-8 sequence corrupts it. */
  private async readReport(sandboxId: string, reportPath: string): Promise<string | null> {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < REPORT_MAX_BYTES; offset += REPORT_CHUNK_BYTES) {
      const read = await this.sandbox.exec(sandboxId, {
        command: `cat -- ${reportPath} 2>/dev/null | tail -c +${offset + 1} | head -c ${REPORT_CHUNK_BYTES} | base64 -w0`,
        timeoutMs: 60_000,
      });
      if (read.exitCode !== 0 || read.truncated) return null;
      const chunk = Buffer.from(read.stdout.trim(), 'base64');
      chunks.push(chunk);
      if (chunk.length < REPORT_CHUNK_BYTES) break;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text.trim() ? text : null;
  }

  private async raise<Type extends 'test_results' | 'command_executed'>(
    taskId: string,
    type: Type,
    payload: TaskEventPayload<Type>,
  ): Promise<void> {
    await this.bus.publish(MessagePatterns.TaskEventRaised, newTaskEvent(taskId, type, 'testing-agent', payload));
  }
}

/** The event's excerpt; without the whole output when it travels another way (a required check's reply), so the bus carries it once. */
function excerptFor(result: ExecResult, wholeOutput: boolean) {
  const { full, ...excerpt } = commandOutputExcerpt(result);
  return wholeOutput && full ? { ...excerpt, full } : excerpt;
}

/** The end of the command's output, at most 2 KB of UTF-8, for the event stream. */
export function outputSnippet(result: Pick<ExecResult, 'stdout' | 'stderr'>): string {
  let text = tail([result.stdout, result.stderr].filter((part) => part.trim()).join('\n'), EVENT_OUTPUT_MAX_BYTES);
  // Characters outside ASCII take several bytes; drop from the front until the bytes fit.
  while (Buffer.byteLength(text, 'utf8') > EVENT_OUTPUT_MAX_BYTES)
    text = `…${text.slice(Math.max(2, Math.floor(text.length / 10)))}`;
  return text;
}

function forEvent(summary: TestRunSummary): TestRunEventSummary {
  return {
    framework: summary.framework,
    command: summary.command,
    exitCode: summary.exitCode,
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    resultDetail: summary.resultDetail ?? null,
    durationMs: summary.durationMs,
    failures: summary.failures
      .slice(0, EVENT_MAX_FAILURES)
      .map((f) => ({ ...f, message: f.message.slice(0, EVENT_FAILURE_MESSAGE_CHARS) })),
    failuresOmitted: Math.max(0, summary.failures.length - EVENT_MAX_FAILURES),
  };
}

function checkForEvent(check: CheckRun): CheckEventSummary {
  return {
    kind: check.kind,
    name: check.name,
    command: check.command,
    status: check.status,
    exitCode: check.exitCode,
    ...(check.unavailableReason ? { unavailableReason: check.unavailableReason } : {}),
    failed: check.failures.length,
    failures: check.failures
      .slice(0, EVENT_MAX_FAILURES)
      .map((f) => ({ ...f, message: f.message.slice(0, EVENT_FAILURE_MESSAGE_CHARS) })),
  };
}

const DETAIL_ORDER: readonly TestResultDetail[] = ['exit_code', 'counts', 'per_test'];

/**
 * One summary for the test steps of a plan (usually one; `jest && mocha` has two): counts and
 * failures added up, the first failing exit code, and the coarsest detail any of them had.
 */
export function mergeTestRuns(runs: readonly TestRunSummary[]): TestRunSummary {
  const [first, ...rest] = runs;
  if (!first) throw new Error('a validation plan has at least one test step');
  if (rest.length === 0) return first;
  const detail = runs
    .map((run) => run.resultDetail ?? 'exit_code')
    .reduce((coarsest, next) => (DETAIL_ORDER.indexOf(next) < DETAIL_ORDER.indexOf(coarsest) ? next : coarsest));
  const named = runs.every((run) => run.passedTests !== undefined);
  return {
    framework: [...new Set(runs.map((run) => run.framework))].join('+'),
    // Each step ran whatever the previous one did, as `;` says.
    command: runs.map((run) => run.command).join('; '),
    exitCode: runs.some((run) => run.exitCode === null)
      ? null
      : (runs.find((run) => run.exitCode !== 0)?.exitCode ?? 0),
    passed: runs.reduce((sum, run) => sum + run.passed, 0),
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    skipped: runs.reduce((sum, run) => sum + run.skipped, 0),
    failures: runs.flatMap((run) => run.failures),
    ...(named ? { passedTests: runs.flatMap((run) => run.passedTests ?? []) } : {}),
    resultDetail: detail,
    durationMs: runs.reduce((sum, run) => sum + run.durationMs, 0),
    outputTail: tail(runs.map((run) => run.outputTail).join('\n'), OUTPUT_TAIL_CHARS),
  };
}

/** The linter's check in the shape `ValidationResult.lint` has always had (its problems as failures). */
function lintSummary(check: CheckRun): TestRunSummary {
  return {
    framework: 'lint',
    command: check.command,
    exitCode: check.exitCode,
    passed: 0,
    failed: check.failures.length,
    skipped: 0,
    failures: check.failures,
    durationMs: check.durationMs,
    outputTail: check.outputTail,
  };
}
