import type { ParseOptions, ReportFormat } from './test-result-parsers/parse-test-output';

/** One command the testing agent runs, and how to read what it produces. */
export interface PlannedCommand {
  /** jest, vitest, mocha, node:test, pytest, go, maven, lint, or `custom` for a configured command. */
  framework: string;
  /** Shell command, run with bash in /workspace. */
  command: string;
  format: ReportFormat;
  /**
   * Where the command writes its report: ours go to /tmp so they never show in the task's diff;
   * Maven's are where Surefire puts them. Shell globs, space-separated; all matches are read as one
   * text (Surefire writes one file per test class).
   */
  reportPath?: string;
  env?: Record<string, string>;
  parseOptions?: ParseOptions;
}

export interface ValidationPlan {
  tests: PlannedCommand;
  lint: PlannedCommand | null;
}
