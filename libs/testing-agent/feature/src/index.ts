export * from './testing-agent.module';
export * from './testing-agent.controller';
export * from './testing-agent-config';
export * from './validation-runner.service';
export * from './validation-timeouts';
export * from './validation-plan';
export * from './test-command-detection';
export { RUNNER_ADAPTERS } from './runners/runner-adapters';
export type { RunnerAdapter } from './runners/runner-adapter';
export {
  parseTestOutput,
  COMMAND_FAILED,
  REPORT_FORMATS,
  type ReportFormat,
  type CommandOutput,
  type ParseOptions,
} from './test-result-parsers/parse-test-output';
export type { ParsedTestRun } from './test-result-parsers/parsed-test-run';
