import { stripAnsi, type TestFailure, type TestId, type TestRunSummary } from '@patchbay/contracts';

/** What a parser can tell from a run's output; the runner adds command, exit code and timing. */
export type ParsedTestRun = Pick<
  TestRunSummary,
  'passed' | 'failed' | 'skipped' | 'failures' | 'passedTests' | 'resultDetail'
>;

const WORKSPACE_PREFIX = '/workspace/';
/** Failure messages go to the coding model and into events; a whole stack trace helps neither. */
export const MAX_FAILURE_MESSAGE_CHARS = 2_000;

/**
 * Reports name files by absolute path inside the sandbox; the baseline and the coding agent both
 * speak in repository-relative paths.
 */
export function toRepositoryPath(path: string | undefined | null): string | undefined {
  if (!path) return undefined;
  const trimmed = path.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith(WORKSPACE_PREFIX)) return trimmed.slice(WORKSPACE_PREFIX.length);
  return trimmed.startsWith('./') ? trimmed.slice(2) : trimmed;
}

/** Colour and cursor sequences some reporters emit even without a TTY; shared with the pipeline. */
export { stripAnsi };

export function clipMessage(text: string): string {
  const clean = stripAnsi(text).trim();
  return clean.length <= MAX_FAILURE_MESSAGE_CHARS
    ? clean
    : `${clean.slice(0, MAX_FAILURE_MESSAGE_CHARS)}\n… (truncated)`;
}

export function failure(name: string, file: string | undefined, message: string): TestFailure {
  const entry: TestFailure = { name: name.trim(), message: clipMessage(message) };
  if (file) entry.file = file;
  return entry;
}

/** A passing test, named exactly as a failure of it would be, so target tests match either way. */
export function passedTest(name: string, file: string | undefined): TestId {
  const entry: TestId = { name: name.trim() };
  if (file) entry.file = file;
  return entry;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
