import type { ParseOptions, ReportFormat } from './test-result-parsers/parse-test-output';

/** One command the testing agent runs, and how to read what it produces. */
export interface PlannedCommand {
  /** jest, vitest, mocha, ava, uvu, tap, node:test, pytest, unittest, go, maven, gradle, or `custom` for a runner it does not know. */
  framework: string;
  /** Shell command, run with bash in /workspace. */
  command: string;
  format: ReportFormat;
  /**
   * Where the command writes its report: ours go to /tmp so they never show in the task's diff;
   * Maven's and Gradle's are where those tools put them. Shell globs, space-separated; all matches
   * are read as one text (Surefire writes one file per test class).
   */
  reportPath?: string;
  env?: Record<string, string>;
  parseOptions?: ParseOptions;
  /** Paths the runner writes into the workspace, added to `.git/info/exclude` so they stay out of the diff. */
  gitExcludes?: string[];
}

/**
 * `tests`: runs tests, read per test (or by counts). `lint`: the repository's linter. `check`:
 * another step of the test script (`tsc` in `tsc && jest`, a `pretest` script), reported as a
 * check of its own so that its failure neither hides the tests nor passes for "no tests ran".
 */
export const STEP_ROLES = ['tests', 'lint', 'check'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export interface PlannedStep extends PlannedCommand {
  role: StepRole;
  /** How reports name a check: `lint`, the package.json script it is (`pretest`), or the step as written. */
  name: string;
  /** The step as the repository writes it, before reporter flags or PATH were added. */
  written: string;
}

/** What the testing agent runs, in order; at least one step runs tests. */
export interface ValidationPlan {
  steps: PlannedStep[];
  /** Why no linter runs as a check, when none does (shown in the log). */
  lintNote: string | null;
}
