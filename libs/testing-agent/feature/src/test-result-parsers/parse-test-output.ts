import { parseGoTestJson } from './go-test-json.parser';
import { parseJestJsonReport } from './jest-json.parser';
import { parseJUnitXml, type JUnitFlavour } from './junit-xml.parser';
import { parseMochaJsonReport } from './mocha-json.parser';
import { failure, isRecord, stripAnsi, type ParsedTestRun } from './parsed-test-run';
import { parseSummaryCounts } from './summary-counts.parser';
import { parseTapOutput } from './tap.parser';
import { parseUnittestOutput } from './unittest-output.parser';
import { parseUvuOutput } from './uvu-output.parser';

export const REPORT_FORMATS = [
  'jest-json',
  'vitest-json',
  'mocha-json',
  'tap',
  'junit-xml',
  'go-test-json',
  'uvu',
  'unittest',
  'auto',
] as const;
/** How a command's results can be read; `auto` sniffs the output (commands of runners this does not know). */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface CommandOutput {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The report file's contents when the command wrote one (jest, vitest, pytest, maven). */
  report: string | null;
}

export interface ParseOptions {
  junitFlavour?: JUnitFlavour;
  /** Go module path (go.mod `module`), to name packages by directory. */
  goModulePath?: string;
  /** node-tap: each test file is a top-level subtest (see TapOptions). */
  tapFileSubtests?: boolean;
}

/** The stable name of the failure that stands for a whole command when nothing finer is known. */
export const COMMAND_FAILED = 'command failed';

/**
 * Turns a finished command into counts and failures: the machine-readable report when there is
 * one, otherwise whatever the output can be recognised as, otherwise the totals the runner printed
 * (counts), otherwise the exit code alone — which never means "no tests ran", only that nothing
 * could be read (`resultDetail: exit_code`). A run that exited non-zero with no failing test (a
 * coverage threshold, a crash after the tests) gets one failure, so a red command is never
 * reported as green.
 */
export function parseTestOutput(
  format: ReportFormat,
  output: CommandOutput,
  options: ParseOptions = {},
): ParsedTestRun {
  const structured = parseStructured(format, output, options) ?? (format === 'auto' ? null : sniff(output, options));
  const parsed = structured
    ? { resultDetail: 'per_test' as const, ...structured }
    : parseSummaryCounts(`${output.stdout}\n${output.stderr}`);
  const run: ParsedTestRun = parsed ?? { passed: 0, failed: 0, skipped: 0, failures: [], resultDetail: 'exit_code' };
  if (output.exitCode !== 0 && run.failures.length === 0) {
    const reason = output.exitCode === null ? 'was killed' : `exited with code ${output.exitCode}`;
    const message = `${parsed ? 'no test failed, but the command' : 'the command'} ${reason}\n${tail(`${output.stdout}\n${output.stderr}`, 1_500)}`;
    return { ...run, failed: run.failed + 1, failures: [failure(COMMAND_FAILED, undefined, message)] };
  }
  return run;
}

function parseStructured(format: ReportFormat, output: CommandOutput, options: ParseOptions): ParsedTestRun | null {
  switch (format) {
    case 'jest-json':
    case 'vitest-json':
      return parseJestJsonReport(
        readJson(output.report) ?? findJsonObject(output.stdout, (v) => Array.isArray(v.testResults)),
      );
    case 'mocha-json':
      return parseMochaJsonReport(
        readJson(output.report) ?? findJsonObject(output.stdout, (v) => isRecord(v.stats) && Array.isArray(v.failures)),
      );
    case 'tap':
      return parseTapOutput(output.stdout, { fileSubtests: options.tapFileSubtests });
    case 'junit-xml':
      return output.report?.trim() ? safeJUnit(output.report, options.junitFlavour) : null;
    case 'go-test-json':
      return parseGoTestJson(output.stdout, output.stderr, options.goModulePath);
    case 'uvu':
      return parseUvuOutput(`${output.stdout}\n${output.stderr}`);
    case 'unittest':
      // unittest writes its results to stderr.
      return parseUnittestOutput(`${output.stderr}\n${output.stdout}`);
    case 'auto':
      return sniff(output, options);
  }
}

/** For commands whose format is not known in advance: try each recognisable shape in turn. */
function sniff(output: CommandOutput, options: ParseOptions): ParsedTestRun | null {
  const json = findJsonObject(
    output.stdout,
    (v) => Array.isArray(v.testResults) || (isRecord(v.stats) && Array.isArray(v.failures)),
  );
  if (json) return parseJestJsonReport(json) ?? parseMochaJsonReport(json);
  if (output.stdout.includes('"Action":')) {
    const go = parseGoTestJson(output.stdout, output.stderr, options.goModulePath);
    if (go) return go;
  }
  const tap = parseTapOutput(output.stdout);
  // Plain `ok` lines (go test's package summary) are not TAP; numbered results or a version line are.
  if (tap && (output.stdout.includes('TAP version') || /^\s*(not )?ok \d+\b/m.test(output.stdout))) return tap;
  const xml = output.report ?? (output.stdout.trimStart().startsWith('<?xml') ? output.stdout : null);
  if (xml) return safeJUnit(xml, options.junitFlavour);
  // Text reporters that still name their failures: better than counts alone.
  const text = stripAnsi(`${output.stderr}\n${output.stdout}`);
  if (/^Ran \d+ tests? in /m.test(text)) return parseUnittestOutput(text);
  if (/^\s*Total:\s+\d+\s*$/m.test(text) && /^\s*Passed:\s+\d+\s*$/m.test(text)) return parseUvuOutput(text);
  return null;
}

function safeJUnit(xml: string, flavour: JUnitFlavour | undefined): ParsedTestRun | null {
  try {
    return parseJUnitXml(xml, flavour);
  } catch {
    // A report cut short by a killed run is not worth more than the exit code and output tail.
    return null;
  }
}

function readJson(text: string | null): Record<string, unknown> | null {
  if (!text?.trim()) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Reporters that write JSON to stdout share it with whatever the tests print; the report is the
 * object that starts at the beginning of a line and runs to the end of the output.
 */
export function findJsonObject(
  text: string,
  accept: (value: Record<string, unknown>) => boolean,
): Record<string, unknown> | null {
  let start = text.startsWith('{') ? 0 : text.indexOf('\n{');
  while (start >= 0) {
    const from = text[start] === '\n' ? start + 1 : start;
    const value = readJson(text.slice(from));
    if (value && accept(value)) return value;
    start = text.indexOf('\n{', from);
  }
  return null;
}

export function tail(text: string, maxChars: number): string {
  const trimmed = text.trim();
  return trimmed.length <= maxChars ? trimmed : `…${trimmed.slice(trimmed.length - maxChars)}`;
}
