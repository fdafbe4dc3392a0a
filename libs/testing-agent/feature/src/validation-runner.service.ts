import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgentFailure } from '@patchbay/agent-runtime';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  MessagePatterns,
  type ExecResult,
  type NewTaskEvent,
  type RunValidationCommand,
  type TestRunSummary,
  type ValidationResult,
} from '@patchbay/contracts';
import { SandboxClient } from '@patchbay/sandbox-client';
import { sandboxFailure } from './sandbox-failure';
import { detectValidationPlan, manifestsToRead, NoTestCommandError, type RepositoryFiles } from './test-command-detection';
import { COMMAND_FAILED, parseTestOutput, tail } from './test-result-parsers/parse-test-output';
import { failure } from './test-result-parsers/parsed-test-run';
import type { PlannedCommand } from './validation-plan';
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

type Purpose = 'tests' | 'lint';

/**
 * Runs a repository's tests (and linter) in the task's sandbox for one phase of the validation
 * loop: detects the commands, runs them, reads their reports, and announces each command and the
 * results on the task's event stream. Comparing against the baseline is the caller's concern
 * ({@link newFailures}); this returns everything that failed.
 */
@Injectable()
export class ValidationRunner {
  private readonly logger = new Logger(ValidationRunner.name);

  constructor(
    @Inject(SandboxClient) private readonly sandbox: SandboxClient,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(VALIDATION_TIMEOUTS) private readonly timeouts: ValidationTimeouts,
  ) {}

  async run(request: RunValidationCommand): Promise<ValidationResult> {
    const files = await this.readRepository(request.sandboxId);
    let plan;
    try {
      plan = detectValidationPlan(files, { testCommand: request.testCommand, lintCommand: request.lintCommand });
    } catch (error) {
      if (error instanceof NoTestCommandError) throw new AgentFailure('user_correctable', error.message);
      throw error;
    }
    this.logger.log({ msg: 'validating', taskId: request.taskId, phase: request.phase, tests: plan.tests.command, lint: plan.lint?.command ?? null });
    const tests = await this.runCommand(request, plan.tests, 'tests');
    const lint = plan.lint ? await this.runCommand(request, plan.lint, 'lint') : null;
    await this.raise(request.taskId, 'test_results', {
      phase: request.phase,
      ...forEvent(tests),
      lint: lint ? forEvent(lint) : null,
    });
    return { tests, lint };
  }

  private async readRepository(sandboxId: string): Promise<RepositoryFiles> {
    try {
      const listing = await this.sandbox.list(sandboxId, '.', { recursive: true, ignore: LISTING_IGNORES, maxEntries: LISTING_MAX_ENTRIES });
      const paths = listing.entries.filter((entry) => entry.type === 'file').map((entry) => entry.path);
      const contents = new Map<string, string>();
      for (const path of manifestsToRead(paths)) contents.set(path, (await this.sandbox.readFile(sandboxId, path)).content);
      return { paths, contents };
    } catch (error) {
      throw sandboxFailure(error, sandboxId);
    }
  }

  private async runCommand(request: RunValidationCommand, planned: PlannedCommand, purpose: Purpose): Promise<TestRunSummary> {
    const timeoutMs = purpose === 'tests' ? this.timeouts.testTimeoutMs : this.timeouts.lintTimeoutMs;
    let result: ExecResult;
    let report: string | null = null;
    try {
      // A report left by an earlier phase must not be read as this run's.
      if (planned.reportPath) await this.sandbox.exec(request.sandboxId, { command: `rm -f -- ${planned.reportPath}`, timeoutMs: 30_000 });
      result = await this.sandbox.exec(request.sandboxId, { command: planned.command, env: planned.env, timeoutMs });
      if (planned.reportPath && !result.timedOut && !result.oomKilled) report = await this.readReport(request.sandboxId, planned.reportPath);
    } catch (error) {
      throw sandboxFailure(error, request.sandboxId);
    }
    await this.raise(request.taskId, 'command_executed', {
      phase: request.phase,
      purpose,
      command: planned.command,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      timedOut: result.timedOut,
      oomKilled: result.oomKilled,
      output: outputSnippet(result),
    });
    const outputTail = tail(`${result.stdout}\n${result.stderr}`, OUTPUT_TAIL_CHARS);
    const base = { framework: planned.framework, command: planned.command, exitCode: result.exitCode, durationMs: Math.max(0, Math.round(result.durationMs)), outputTail };
    if (result.timedOut || result.oomKilled) {
      const what = result.timedOut ? `did not finish within ${timeoutMs} ms` : 'ran out of memory';
      if (purpose === 'lint') {
        // A linter that hangs is reported, not allowed to stop the validation of the tests.
        return { ...base, passed: 0, failed: 1, skipped: 0, failures: [failure(COMMAND_FAILED, undefined, `the lint command ${what}`)] };
      }
      throw request.phase === 'baseline'
        ? new AgentFailure('user_correctable', `The test command "${planned.command}" ${what} on the base commit; raise the limit or set a test command that finishes.`)
        : new AgentFailure('code_logic', `The test command "${planned.command}" ${what} after the edits (it finished on the base commit); the change may hang or leak memory.`);
    }
    if (result.sandboxState !== 'running') throw new AgentFailure('transient', `sandbox ${request.sandboxId} died while running "${planned.command}"`);
    const parsed = parseTestOutput(planned.format, { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, report }, planned.parseOptions);
    return { ...base, ...parsed };
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

  private async raise(taskId: string, type: NewTaskEvent['type'], payload: Record<string, unknown>): Promise<void> {
    const event: NewTaskEvent = { taskId, type, agent: 'testing-agent', payload };
    await this.bus.publish(MessagePatterns.TaskEventRaised, event);
  }
}

/** The end of the command's output, at most 2 KB of UTF-8, for the event stream. */
export function outputSnippet(result: Pick<ExecResult, 'stdout' | 'stderr'>): string {
  let text = tail([result.stdout, result.stderr].filter((part) => part.trim()).join('\n'), EVENT_OUTPUT_MAX_BYTES);
  // Characters outside ASCII take several bytes; drop from the front until the bytes fit.
  while (Buffer.byteLength(text, 'utf8') > EVENT_OUTPUT_MAX_BYTES) text = `…${text.slice(Math.max(2, Math.floor(text.length / 10)))}`;
  return text;
}

function forEvent(summary: TestRunSummary): Record<string, unknown> {
  return {
    framework: summary.framework,
    command: summary.command,
    exitCode: summary.exitCode,
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    durationMs: summary.durationMs,
    failures: summary.failures.slice(0, EVENT_MAX_FAILURES).map((f) => ({ ...f, message: f.message.slice(0, EVENT_FAILURE_MESSAGE_CHARS) })),
    failuresOmitted: Math.max(0, summary.failures.length - EVENT_MAX_FAILURES),
  };
}
